import { sql, type RawBuilder } from 'kysely';

/**
 * The unit a flag belongs to, for filtering and counting the queue: the unit of the staff member it names,
 * or, for a flag on an enforcement action alone, the unit of the action's first-listed officer.
 */
export function flagUnit(): RawBuilder<string | null> {
  return sql<string | null>`coalesce(
    (select s.unit from staff s where s.staff_no = flag.staff_no),
    (select s.unit from action_officer ao
       join staff s on s.id = ao.staff_id
       join enforcement_action a on a.id = ao.action_id
      where a.ref = flag.action
      order by ao.position limit 1))`;
}
