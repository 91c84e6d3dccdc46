export const putAnswerTemplateRoute = {
  method: 'PUT',
  path: '/v1/staff/answer-templates/{templateId}',
} as const;
