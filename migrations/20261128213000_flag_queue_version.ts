import { sql, type Kysely } from 'kysely';

// Frozen once landed. Typed Kysely<any> and importing no app code; PostgreSQL 15 features only.
// A counter that moves with every statement that changes the flag queue (a screening, a decision), in the
// writing transaction: a server may keep an encoded page of the queue and serve it again while the counter
// it read with the page is still the committed one. A page of the queue is mostly stored evidence (a few KB
// a flag), so reading and encoding it again for every request was most of the cost of GET /flags.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table flag_queue_version (
      one boolean primary key default true check (one),
      version bigint not null
    )`.execute(db);
  await sql`insert into flag_queue_version (one, version) values (true, 0)`.execute(db);
  await sql`
    create function qinglian_flag_queue_changed() returns trigger language plpgsql as $$
    begin
      update flag_queue_version set version = version + 1;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger flag_queue_changed after insert or update or delete or truncate on flag
    for each statement execute function qinglian_flag_queue_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists flag_queue_changed on flag`.execute(db);
  await sql`drop function if exists qinglian_flag_queue_changed()`.execute(db);
  await sql`drop table if exists flag_queue_version`.execute(db);
}
