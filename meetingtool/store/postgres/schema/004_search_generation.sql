-- meetingtool: a change counter for search, schema version 4.
--
-- Every statement that changes meetings, decisions, follow-ups or trials bumps one
-- number, so a search learns with one read of one row that nothing searchable changed
-- and uses its index as it is; only after a change does it compare each meeting's version.
-- An upsert, so the row comes back after the table was emptied.

CREATE TABLE search_generation (
    id         integer PRIMARY KEY CHECK (id = 1),
    generation bigint NOT NULL
);

CREATE FUNCTION meetingtool_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_generation (id, generation) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET generation = search_generation.generation + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER meetings_search_changed AFTER INSERT OR UPDATE OR DELETE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION meetingtool_search_changed();
CREATE TRIGGER decisions_search_changed AFTER INSERT OR UPDATE OR DELETE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION meetingtool_search_changed();
CREATE TRIGGER followups_search_changed AFTER INSERT OR UPDATE OR DELETE ON followups
    FOR EACH STATEMENT EXECUTE FUNCTION meetingtool_search_changed();
CREATE TRIGGER trials_search_changed AFTER INSERT OR UPDATE OR DELETE ON trials
    FOR EACH STATEMENT EXECUTE FUNCTION meetingtool_search_changed();
