-- meetingtool: trial actions (prøvehandlinger), schema version 2.
--
-- One row per PDSA cycle; "Justér" links cycles through the document's previous_id and
-- next_id. Ids are "P" and a number from the counter "trial".

CREATE TABLE trials (
    id         text PRIMARY KEY,
    number     integer NOT NULL UNIQUE,
    council_id text NOT NULL REFERENCES councils (id),
    status     text NOT NULL,
    evaluate   date NOT NULL,
    owner      text NOT NULL DEFAULT '',
    doc        jsonb NOT NULL
);
CREATE INDEX trials_council ON trials (council_id, number);
CREATE INDEX trials_open_by_evaluation ON trials (evaluate) WHERE status <> 'afsluttet';
