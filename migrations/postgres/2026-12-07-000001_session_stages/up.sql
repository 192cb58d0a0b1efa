-- A sign-in begun with Google (or another OpenID Connect provider) is a stage of its own
-- (issue 26): the password was not proved, so the emergency reset is not offered from it.
ALTER TABLE sessions DROP CONSTRAINT sessions_stage_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_stage_check CHECK (stage IN ('password', 'external', 'full'));
