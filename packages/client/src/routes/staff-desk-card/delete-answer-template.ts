export const deleteAnswerTemplateRoute = {
  method: 'DELETE',
  path: '/v1/staff/answer-templates/{templateId}',
} as const;
