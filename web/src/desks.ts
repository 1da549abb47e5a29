import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './session/session.tsx';

export interface Desk {
  path: string;
  title: string;
  /** Who may open it; nobody else sees it in the menu, and opening its address shows 无权访问. */
  roles: readonly Role[];
  component: LazyExoticComponent<ComponentType>;
}

// Each desk is its own chunk, so a firefighter's phone loads only the declaration desk.
export const DESKS: readonly Desk[] = [
  {
    path: '/dashboard',
    title: '工作概览',
    roles: ['admin', 'discipline', 'hr', 'investigator'],
    component: lazy(() => import('./desks/dashboard/dashboard-desk.tsx')),
  },
  {
    path: '/declarations',
    title: '我的申报',
    roles: ['staff'],
    component: lazy(() => import('./desks/staff/staff-desk.tsx')),
  },
  {
    path: '/discipline',
    title: '问题线索',
    roles: ['admin', 'discipline'],
    component: lazy(() => import('./desks/discipline/discipline-desk.tsx')),
  },
  {
    path: '/hr',
    title: '轮岗与资格',
    roles: ['admin', 'hr'],
    component: lazy(() => import('./desks/hr/hr-desk.tsx')),
  },
  {
    path: '/graph',
    title: '关系图谱',
    roles: ['admin', 'discipline', 'investigator'],
    component: lazy(() => import('./desks/investigator/investigator-desk.tsx')),
  },
];
