-- meetingtool: quality indicators, schema version 3.
--
-- One row per indicator definition, its values (each with its denominator and its history
-- of corrections) in the document. council_id is '' for an indicator shared by every
-- council. Ids are "I" and a number from the counter "indicator".

CREATE TABLE indicators (
    id         text PRIMARY KEY,
    number     integer NOT NULL UNIQUE,
    council_id text NOT NULL DEFAULT '',
    name       text NOT NULL,
    doc        jsonb NOT NULL
);
CREATE INDEX indicators_council ON indicators (council_id, number);
