-- Case results: one row per (run, case, attempt); the first stored copy stays.
create table case_results (
    run_uid    text        not null,
    namespace  text        not null,
    run_name   text        not null,
    case_id    text        not null,
    attempt    integer     not null,
    result     jsonb       not null,
    stored_at  timestamptz not null default now(),
    primary key (run_uid, case_id, attempt)
);

-- The history of finished runs: trends, Recovered notifications and retention read it.
create table finished_runs (
    run_uid     text primary key,
    namespace   text        not null,
    run_name    text        not null,
    suite       text,
    phase       text        not null,
    finished_at timestamptz not null,
    total       integer     not null,
    passed      integer     not null,
    failed      integer     not null,
    errored     integer     not null,
    skipped     integer     not null,
    flaky       integer     not null,
    duration_ms bigint      not null
);

create index finished_runs_by_suite on finished_runs (namespace, suite, finished_at desc);
