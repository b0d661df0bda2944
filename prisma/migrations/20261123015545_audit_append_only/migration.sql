-- The audit log is append-only: no UPDATE ever, and DELETE only while purging a whole
-- organisation (the org delete path sets latch.purging_org to that org's id).
CREATE OR REPLACE FUNCTION latch_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('latch.purging_org', true) = OLD."orgId" THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION latch_audit_append_only();
