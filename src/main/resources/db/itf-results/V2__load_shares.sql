-- Each share of a load step split over several runner Jobs is its own result of the same (case, attempt): the
-- operator merges them. share is that runner's shard for a share, -1 for any other result.
alter table case_results add column share integer not null default -1;
alter table case_results drop constraint case_results_pkey;
alter table case_results add primary key (run_uid, case_id, attempt, share);
