-- The audit log is append-only: whatever the application does, rows are never changed or removed.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- People who had a password before email verification existed proved nothing, but were trusted: keep trusting them.
UPDATE users SET email_verified_at = created_at WHERE password_hash IS NOT NULL;
