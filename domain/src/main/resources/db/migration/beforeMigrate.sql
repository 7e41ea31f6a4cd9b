/* [jooq ignore start] */
-- A Flyway callback, run before every migrate (it is not a versioned migration, so it may
-- change). It creates the runtime roles every transaction switches to before V1 would, so
-- that a login that is no superuser can run the migrations: on a managed PostgreSQL (RDS,
-- Cloud SQL, Azure) the login owns its database and has CREATEROLE, and only a superuser may
-- create a role with BYPASSRLS. Neither role needs it: the delivery worker reaches every tenant
-- through policies of its own (V9). V1 then finds both roles and creates nothing.
--
-- The login must also be allowed to SET ROLE to them. A superuser always is. Up to PostgreSQL
-- 15, CREATEROLE lets the login grant itself any role it does not have; from 16, the creator of
-- a role only gets ADMIN on it (not SET, unless createrole_self_grant says so), so it grants
-- itself SET explicitly — a syntax PostgreSQL 15 does not know, hence the version switch.
do $$
declare
    runtime_role  text;
    superuser     boolean := (select rolsuper from pg_roles where rolname = current_user);
    set_option    boolean := current_setting('server_version_num')::int >= 160000;
begin
    foreach runtime_role in array array['hookline_app', 'hookline_worker'] loop
        if not exists (select from pg_roles where rolname = runtime_role) then
            execute format('create role %I nologin nosuperuser nobypassrls', runtime_role);
        end if;
        continue when superuser;
        continue when pg_has_role(current_user, runtime_role, case when set_option then 'SET' else 'MEMBER' end);
        begin
            if set_option then
                execute format('grant %I to %I with inherit false, set true', runtime_role, current_user);
            else
                execute format('grant %I to %I', runtime_role, current_user);
            end if;
        exception when insufficient_privilege then
            raise exception 'the database login % cannot SET ROLE % and may not grant it to itself', current_user, runtime_role
                using hint = format('Run the migrations as the database owner with CREATEROLE (or a superuser), '
                    'or have an administrator run: grant %I to %I', runtime_role, current_user);
        end;
    end loop;
end
$$;
/* [jooq ignore stop] */
