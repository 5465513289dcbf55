import { createEditView } from '../views/edit/edit-view.ts';
import { createFindView } from '../views/find/find-view.ts';
import { createKioskView } from '../views/kiosk/kiosk-view.ts';
import { createLiveView } from '../views/live/live-view.ts';
import { createManageView } from '../views/manage/manage-view.ts';
import { createPlannerView } from '../views/planner/planner-view.ts';
import type { RouteName } from './router.ts';
import type { ViewFactory } from './view.ts';

/** Which view each address opens. */
export const VIEWS: Readonly<Record<RouteName, ViewFactory>> = {
  live: createLiveView,
  find: createFindView,
  kiosk: createKioskView,
  planner: createPlannerView,
  manage: createManageView,
  edit: createEditView,
};
