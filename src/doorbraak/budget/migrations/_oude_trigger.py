"""The hand-written ledger trigger of 0002, for 0004 to remove (and restore backwards)."""

AAN = """
CREATE OR REPLACE FUNCTION budget_boeking_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Het grootboek is alleen-toevoegen (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER budget_boeking_alleen_toevoegen
  BEFORE UPDATE OR DELETE ON budget_boeking
  FOR EACH ROW EXECUTE FUNCTION budget_boeking_alleen_toevoegen();
"""
UIT = """
DROP TRIGGER IF EXISTS budget_boeking_alleen_toevoegen ON budget_boeking;
DROP FUNCTION IF EXISTS budget_boeking_alleen_toevoegen();
"""
