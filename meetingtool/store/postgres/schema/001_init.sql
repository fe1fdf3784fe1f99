-- meetingtool: the shared store's tables (schema version 1).
--
-- Real columns hold what is filtered or sorted on; the record itself, as the files
-- backend keeps it (core.codec.to_dict), is the JSONB column "doc". Ids are made by the
-- application from rows of "counters" (no sequences: the day-to-day role needs only
-- SELECT, INSERT, UPDATE and DELETE).

CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint NOT NULL
);

CREATE TABLE councils (
    id   text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    site text NOT NULL DEFAULT '',
    doc  jsonb NOT NULL
);
CREATE INDEX councils_site ON councils (site);

CREATE TABLE meetings (
    id           bigint PRIMARY KEY,
    council_id   text NOT NULL REFERENCES councils (id),
    council_name text NOT NULL,
    kind         text NOT NULL,
    title        text NOT NULL,
    date         date NOT NULL,
    status       text NOT NULL,
    approved     boolean NOT NULL DEFAULT false,
    version      bigint NOT NULL DEFAULT 1,
    doc          jsonb NOT NULL
);
CREATE INDEX meetings_recent ON meetings (date DESC, id DESC);
CREATE INDEX meetings_council_recent ON meetings (council_id, date DESC, id DESC);
CREATE INDEX meetings_status ON meetings (status);

CREATE TABLE decisions (
    meeting_id bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    number     integer NOT NULL,
    item_id    integer NOT NULL,
    doc        jsonb NOT NULL,
    PRIMARY KEY (meeting_id, number)
);

CREATE TABLE followups (
    id         text PRIMARY KEY,
    meeting_id bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    number     integer NOT NULL,
    council_id text NOT NULL,
    status     text NOT NULL,
    owner      text NOT NULL DEFAULT '',
    due        date,
    internal   boolean NOT NULL DEFAULT false,
    resident   text NOT NULL DEFAULT '',
    doc        jsonb NOT NULL,
    UNIQUE (meeting_id, number)
);
CREATE INDEX followups_council ON followups (council_id, meeting_id, number);
CREATE INDEX followups_council_open ON followups (council_id, meeting_id, number)
    WHERE status IN ('aaben', 'i_gang');
CREATE INDEX followups_owner ON followups (owner);
CREATE INDEX followups_due ON followups (due) WHERE due IS NOT NULL;
CREATE INDEX followups_resident ON followups (resident) WHERE resident <> '';

CREATE TABLE residents (
    id         text PRIMARY KEY,
    council_id text NOT NULL REFERENCES councils (id),
    number     integer NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    doc        jsonb NOT NULL,
    UNIQUE (council_id, number)
);

CREATE TABLE triage_entries (
    meeting_id  bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    resident_id text NOT NULL,
    seq         integer NOT NULL,
    colour      text NOT NULL DEFAULT '',
    doc         jsonb NOT NULL,
    PRIMARY KEY (meeting_id, resident_id)
);
CREATE INDEX triage_entries_resident ON triage_entries (resident_id);
CREATE INDEX triage_entries_colour ON triage_entries (colour);

CREATE TABLE borgergennemgange (
    id          text PRIMARY KEY,
    resident_id text NOT NULL REFERENCES residents (id),
    number      integer NOT NULL,
    meeting_id  bigint,
    doc         jsonb NOT NULL
);
CREATE INDEX borgergennemgange_resident ON borgergennemgange (resident_id, number);
