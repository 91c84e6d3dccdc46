-- Staff mail about the answer's approval: the approvers when a draft is sent to them, the executor
-- when it comes back with a comment or is approved. Each notice keeps who did it and the comment.
ALTER TABLE staff_notices DROP CONSTRAINT staff_notices_kind_check;
ALTER TABLE staff_notices ADD CONSTRAINT staff_notices_kind_check CHECK (kind IN (
  'new-appeal', 'applicant-wrote', 'due-soon', 'overdue', 'draft-submitted', 'draft-returned', 'draft-approved'
));
ALTER TABLE staff_notices ADD COLUMN actor text;
ALTER TABLE staff_notices ADD COLUMN note text;

-- Whether the person gets these mails (on until they turn it off, like the others).
ALTER TABLE staff_mail_preferences ADD COLUMN approvals boolean NOT NULL DEFAULT true;
