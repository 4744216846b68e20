-- 0001: the whole domain model of PRODUCT §3.
-- Conventions: instants are UTC RFC 3339 text ("2026-03-04T09:15:00Z");
-- civil dates are "YYYY-MM-DD" in the portfolio's reporting time zone.
-- Rows that arrive through imports keep their provenance (batch_id and, for
-- items, file/sheet/row).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE import_batches (
    id             INTEGER PRIMARY KEY,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL DEFAULT 0,
    format         TEXT NOT NULL,
    sheet          TEXT NOT NULL DEFAULT '',
    encoding       TEXT NOT NULL DEFAULT '',
    delimiter      TEXT NOT NULL DEFAULT '',
    mapping_json   TEXT NOT NULL DEFAULT '{}',
    rows_read      INTEGER NOT NULL DEFAULT 0,
    items_created  INTEGER NOT NULL DEFAULT 0,
    items_updated  INTEGER NOT NULL DEFAULT 0,
    history_added  INTEGER NOT NULL DEFAULT 0,
    rows_rejected  INTEGER NOT NULL DEFAULT 0,
    problems_json  TEXT NOT NULL DEFAULT '[]',
    app_version    TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied','undone')),
    imported_at    TEXT NOT NULL,
    undone_at      TEXT
);
CREATE INDEX import_batches_sha256 ON import_batches(sha256);

CREATE TABLE mapping_profiles (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    profile_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE themes (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    target_share REAL NOT NULL DEFAULT 0 CHECK (target_share BETWEEN 0 AND 1),
    description  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE programs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    wip_limit   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE teams (
    id                 INTEGER PRIMARY KEY,
    program_id         INTEGER NOT NULL REFERENCES programs(id),
    name               TEXT NOT NULL UNIQUE,
    framework          TEXT NOT NULL DEFAULT 'scrum' CHECK (framework IN ('scrum','kanban')),
    sprint_length_days INTEGER NOT NULL DEFAULT 14,
    wip_limit          INTEGER NOT NULL DEFAULT 0,
    workday_mask       INTEGER NOT NULL DEFAULT 31, -- bit 0 Monday … bit 6 Sunday
    tool               TEXT NOT NULL DEFAULT '',
    source_key         TEXT NOT NULL DEFAULT '',
    lead               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX teams_program ON teams(program_id);

CREATE TABLE holidays (
    id      INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE, -- NULL: every team
    date    TEXT NOT NULL,
    name    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX holidays_team_date ON holidays(coalesce(team_id, 0), date);

CREATE TABLE services (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    team_id INTEGER REFERENCES teams(id)
);

CREATE TABLE program_increments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    program_id INTEGER REFERENCES programs(id), -- NULL: portfolio-wide cadence
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    CHECK (end_date >= start_date)
);

CREATE TABLE sprints (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    pi_id      INTEGER REFERENCES program_increments(id),
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    goal       TEXT NOT NULL DEFAULT '',
    goal_met   INTEGER CHECK (goal_met IN (0,1)),
    UNIQUE (team_id, name),
    CHECK (end_date >= start_date)
);
CREATE INDEX sprints_pi ON sprints(pi_id);

CREATE TABLE workflow_mappings (
    id            INTEGER PRIMARY KEY,
    team_id       INTEGER REFERENCES teams(id) ON DELETE CASCADE, -- NULL: whole source system
    source_system TEXT NOT NULL DEFAULT '',
    raw_status    TEXT NOT NULL,
    stage         TEXT NOT NULL CHECK (stage IN ('backlog','ready','active','waiting','done','removed'))
);
CREATE UNIQUE INDEX workflow_mappings_key ON workflow_mappings(coalesce(team_id, 0), source_system, raw_status COLLATE NOCASE);

CREATE TABLE type_mappings (
    id            INTEGER PRIMARY KEY,
    source_system TEXT NOT NULL DEFAULT '',
    raw_type      TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('epic','feature','story','bug','enabler','task','risk','debt','subtask')),
    UNIQUE (source_system, raw_type COLLATE NOCASE)
);

CREATE TABLE work_items (
    id            INTEGER PRIMARY KEY,
    source_system TEXT NOT NULL,
    external_key  TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('epic','feature','story','bug','enabler','task','risk','debt','subtask')),
    raw_type      TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    theme_id      INTEGER REFERENCES themes(id),
    team_id       INTEGER REFERENCES teams(id),
    program_id    INTEGER REFERENCES programs(id),
    status        TEXT NOT NULL DEFAULT '',
    pi_id         INTEGER REFERENCES program_increments(id),
    parent_id     INTEGER REFERENCES work_items(id) ON DELETE SET NULL,
    points        REAL,
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    labels        TEXT NOT NULL DEFAULT '',
    component     TEXT NOT NULL DEFAULT '',
    priority      TEXT NOT NULL DEFAULT '',
    found_in      TEXT NOT NULL DEFAULT '', -- bugs: where the defect was found (production, testing…)
    batch_id      INTEGER REFERENCES import_batches(id),
    source_file   TEXT NOT NULL DEFAULT '',
    source_sheet  TEXT NOT NULL DEFAULT '',
    source_row    INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL DEFAULT '',
    UNIQUE (source_system, external_key)
);
CREATE INDEX work_items_team ON work_items(team_id, type);
CREATE INDEX work_items_program ON work_items(program_id, type);
CREATE INDEX work_items_parent ON work_items(parent_id);
CREATE INDEX work_items_theme ON work_items(theme_id);
CREATE INDEX work_items_pi ON work_items(pi_id);
CREATE INDEX work_items_batch ON work_items(batch_id);

CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    batch_id    INTEGER REFERENCES import_batches(id),
    UNIQUE (item_id, changed_at, from_status, to_status)
);
CREATE INDEX status_changes_batch ON status_changes(batch_id);

CREATE TABLE blocked_periods (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    batch_id   INTEGER REFERENCES import_batches(id)
);
CREATE INDEX blocked_periods_item ON blocked_periods(item_id);

CREATE TABLE item_sprints (
    item_id   INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    sprint_id INTEGER NOT NULL REFERENCES sprints(id) ON DELETE CASCADE,
    added_at  TEXT NOT NULL,
    committed INTEGER NOT NULL DEFAULT 1 CHECK (committed IN (0,1)), -- in the sprint at its start
    PRIMARY KEY (item_id, sprint_id)
) WITHOUT ROWID;
CREATE INDEX item_sprints_sprint ON item_sprints(sprint_id);

CREATE TABLE item_links (
    from_item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    to_item_id   INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    PRIMARY KEY (from_item_id, to_item_id, kind)
) WITHOUT ROWID;
CREATE INDEX item_links_to ON item_links(to_item_id);

CREATE TABLE dependencies (
    id           INTEGER PRIMARY KEY,
    external_key TEXT NOT NULL DEFAULT '',
    from_item_id INTEGER REFERENCES work_items(id) ON DELETE SET NULL,
    from_team_id INTEGER REFERENCES teams(id),
    to_item_id   INTEGER REFERENCES work_items(id) ON DELETE SET NULL,
    to_team_id   INTEGER REFERENCES teams(id),
    description  TEXT NOT NULL DEFAULT '',
    needed_by    TEXT,
    state        TEXT NOT NULL CHECK (state IN ('requested','committed','resolved','blocked')),
    risk         TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low','medium','high')),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    batch_id     INTEGER REFERENCES import_batches(id)
);
CREATE INDEX dependencies_from_team ON dependencies(from_team_id);
CREATE INDEX dependencies_to_team ON dependencies(to_team_id);

CREATE TABLE deployments (
    id                INTEGER PRIMARY KEY,
    external_key      TEXT NOT NULL DEFAULT '',
    service_id        INTEGER REFERENCES services(id),
    team_id           INTEGER REFERENCES teams(id),
    environment       TEXT NOT NULL DEFAULT 'production',
    deployed_at       TEXT NOT NULL,
    change_started_at TEXT,
    outcome           TEXT NOT NULL CHECK (outcome IN ('success','failed','rolled_back')),
    recovered_at      TEXT,
    change_request    TEXT NOT NULL DEFAULT '',
    batch_id          INTEGER REFERENCES import_batches(id)
);
CREATE INDEX deployments_team_time ON deployments(team_id, deployed_at);
CREATE INDEX deployments_time ON deployments(deployed_at);

CREATE TABLE deployment_commits (
    deployment_id INTEGER NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    sha           TEXT NOT NULL,
    committed_at  TEXT NOT NULL,
    PRIMARY KEY (deployment_id, sha)
) WITHOUT ROWID;

CREATE TABLE incidents (
    id                      INTEGER PRIMARY KEY,
    external_key            TEXT NOT NULL DEFAULT '',
    service_id              INTEGER REFERENCES services(id),
    team_id                 INTEGER REFERENCES teams(id),
    severity                TEXT NOT NULL DEFAULT '',
    title                   TEXT NOT NULL DEFAULT '',
    opened_at               TEXT NOT NULL,
    resolved_at             TEXT,
    caused_by_deployment_id INTEGER REFERENCES deployments(id) ON DELETE SET NULL,
    batch_id                INTEGER REFERENCES import_batches(id)
);
CREATE INDEX incidents_deployment ON incidents(caused_by_deployment_id);
CREATE INDEX incidents_team_time ON incidents(team_id, opened_at);

CREATE TABLE objectives (
    id         INTEGER PRIMARY KEY,
    level      TEXT NOT NULL CHECK (level IN ('portfolio','program','team')),
    parent_id  INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    program_id INTEGER REFERENCES programs(id),
    team_id    INTEGER REFERENCES teams(id),
    theme_id   INTEGER REFERENCES themes(id),
    title      TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT 'aspirational' CHECK (kind IN ('aspirational','committed'))
);
CREATE INDEX objectives_parent ON objectives(parent_id);

CREATE TABLE key_results (
    id           INTEGER PRIMARY KEY,
    objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    unit         TEXT NOT NULL DEFAULT '',
    baseline     REAL NOT NULL,
    target       REAL NOT NULL,
    weight       REAL NOT NULL DEFAULT 1 CHECK (weight >= 0)
);
CREATE INDEX key_results_objective ON key_results(objective_id);

CREATE TABLE key_result_updates (
    id            INTEGER PRIMARY KEY,
    key_result_id INTEGER NOT NULL REFERENCES key_results(id) ON DELETE CASCADE,
    recorded_on   TEXT NOT NULL,
    value         REAL NOT NULL,
    confidence    REAL CHECK (confidence BETWEEN 0 AND 1),
    note          TEXT NOT NULL DEFAULT '',
    batch_id      INTEGER REFERENCES import_batches(id)
);
CREATE INDEX key_result_updates_kr ON key_result_updates(key_result_id, recorded_on);

CREATE TABLE objective_epics (
    objective_id INTEGER NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
    epic_id      INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
    PRIMARY KEY (objective_id, epic_id)
) WITHOUT ROWID;
CREATE INDEX objective_epics_epic ON objective_epics(epic_id);

CREATE TABLE pi_objectives (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams(id),
    pi_id      INTEGER NOT NULL REFERENCES program_increments(id),
    title      TEXT NOT NULL,
    committed  INTEGER NOT NULL CHECK (committed IN (0,1)), -- 0: stretch
    planned_bv INTEGER NOT NULL CHECK (planned_bv BETWEEN 1 AND 10),
    actual_bv  INTEGER CHECK (actual_bv BETWEEN 0 AND 10),
    batch_id   INTEGER REFERENCES import_batches(id)
);
CREATE INDEX pi_objectives_pi_team ON pi_objectives(pi_id, team_id);

CREATE TABLE business_cases (
    id             INTEGER PRIMARY KEY,
    epic_id        INTEGER NOT NULL UNIQUE REFERENCES work_items(id) ON DELETE CASCADE,
    planned_amount REAL NOT NULL,
    unit           TEXT NOT NULL DEFAULT 'EUR',
    expected_date  TEXT,
    cost           REAL NOT NULL DEFAULT 0,
    description    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE planned_benefits (
    id               INTEGER PRIMARY KEY,
    business_case_id INTEGER NOT NULL REFERENCES business_cases(id) ON DELETE CASCADE,
    due_date         TEXT NOT NULL,
    amount           REAL NOT NULL
);
CREATE INDEX planned_benefits_case ON planned_benefits(business_case_id, due_date);

CREATE TABLE benefit_measurements (
    id               INTEGER PRIMARY KEY,
    business_case_id INTEGER NOT NULL REFERENCES business_cases(id) ON DELETE CASCADE,
    measured_on      TEXT NOT NULL,
    amount           REAL NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    batch_id         INTEGER REFERENCES import_batches(id)
);
CREATE INDEX benefit_measurements_case ON benefit_measurements(business_case_id, measured_on);

CREATE TABLE customer_feedback (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER REFERENCES programs(id),
    product      TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('csat','nps')),
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    score        REAL NOT NULL,
    responses    INTEGER NOT NULL DEFAULT 0,
    batch_id     INTEGER REFERENCES import_batches(id)
);
CREATE INDEX customer_feedback_program ON customer_feedback(program_id, period_start);

CREATE TABLE roles (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    person           TEXT NOT NULL DEFAULT '',
    responsibilities TEXT NOT NULL DEFAULT ''
);

CREATE TABLE systems_of_record (
    id          INTEGER PRIMARY KEY,
    data_type   TEXT NOT NULL UNIQUE,
    system      TEXT NOT NULL,
    owning_team TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE metric_definitions (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    level               TEXT NOT NULL CHECK (level IN ('portfolio','program','team')),
    frequency           TEXT NOT NULL CHECK (frequency IN ('weekly','fortnightly','monthly','quarterly','annually')),
    owner_role_id       INTEGER REFERENCES roles(id),
    target              REAL,
    amber               REAL,
    red                 REAL,
    higher_is_better    INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0,1)),
    system_of_record_id INTEGER REFERENCES systems_of_record(id)
);

CREATE TABLE metric_reviews (
    id          INTEGER PRIMARY KEY,
    metric_id   INTEGER NOT NULL REFERENCES metric_definitions(id) ON DELETE CASCADE,
    reviewed_at TEXT NOT NULL,
    reviewer    TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX metric_reviews_metric ON metric_reviews(metric_id, reviewed_at);

CREATE TABLE governance_events (
    id        INTEGER PRIMARY KEY,
    cadence   TEXT NOT NULL CHECK (cadence IN ('sprint_review','monthly_value_review','quarterly_portfolio_assessment','annual_strategic_review')),
    title     TEXT NOT NULL,
    held_on   TEXT NOT NULL,
    attendees TEXT NOT NULL DEFAULT '',
    notes     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE governance_decisions (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES governance_events(id) ON DELETE CASCADE,
    text     TEXT NOT NULL
);

CREATE TABLE governance_actions (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER REFERENCES governance_events(id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    owner_role_id INTEGER REFERENCES roles(id),
    owner         TEXT NOT NULL DEFAULT '',
    due_date      TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','cancelled')),
    closed_on     TEXT
);
CREATE INDEX governance_actions_due ON governance_actions(status, due_date);

CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,          -- e.g. "pdf_pack"
    period       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    app_version  TEXT NOT NULL DEFAULT '',
    payload_json TEXT NOT NULL,
    sha256       TEXT NOT NULL
);
CREATE INDEX snapshots_period ON snapshots(kind, period);
