/* [jooq ignore start] */
-- The delivery worker works across tenants through policies of its own instead of BYPASSRLS,
-- which only a superuser can grant and managed PostgreSQL services never hand out. Permissive
-- policies are OR-ed, so each of these opens every row of its table to hookline_worker alone;
-- hookline_app stays bound by the tenant policies. Every table with row-level security gets
-- one; a table added later must create its own (RowLevelSecurityTests checks that it does).
do $$
declare
    secured text;
begin
    for secured in
        select c.relname
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relrowsecurity
          and not exists (select from pg_policies p
                          where p.schemaname = n.nspname and p.tablename = c.relname
                            and 'hookline_worker' = any (p.roles))
        order by c.relname
    loop
        execute format('create policy %I on %I to hookline_worker using (true) with check (true)',
                       secured || '_worker_access', secured);
    end loop;
end
$$;

-- Installs migrated by a superuser created hookline_worker with BYPASSRLS. Take it away, so
-- every install runs the worker the same way and the policies above are what it relies on.
-- Only a superuser may change the attribute; elsewhere the role never had it.
do $$
begin
    if (select rolsuper from pg_roles where rolname = current_user) then
        alter role hookline_worker nobypassrls;
    end if;
end
$$;
/* [jooq ignore stop] */
