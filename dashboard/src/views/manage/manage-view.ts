// The manager's operations page (#/manage): headcount and capacity, live alerts, the door count's
// calibration and sensor health. Managers only; anyone else is told where to enter a token.
import type { View, ViewContext, ViewFactory } from '../../app/view.ts';
import { html } from '../../dom.ts';
import { translator } from '../../i18n/messages.ts';
import { createAlertsPanel } from './alerts-panel.ts';
import { createCalibrationPanel } from './calibration-panel.ts';
import { type ManageKey, manageMessages } from './messages.ts';
import { createOccupancyPanel } from './occupancy-panel.ts';
import { createSensorsPanel } from './sensors-panel.ts';

/**
 * @example router.add('manage', createManageView)
 */
export const createManageView: ViewFactory = (ctx: ViewContext): View => {
  const t = translator(manageMessages, ctx.lang);
  if (ctx.role !== 'manager') return managersOnly(t, ctx.askForToken);
  const panels = [
    createOccupancyPanel(ctx, t),
    createAlertsPanel(ctx, t),
    createCalibrationPanel(ctx, t),
    createSensorsPanel(ctx, t),
  ];
  const element = html('main', { id: 'main', class: 'view manage', tabindex: -1 }, [
    html('header', { class: 'manage-header' }, [
      html('h1', {}, [t('title')]),
      html('p', { class: 'manage-muted' }, [t('intro', { site: ctx.site.name })]),
    ]),
    html(
      'div',
      { class: 'manage-grid' },
      panels.map((panel) => panel.element),
    ),
  ]);
  return {
    element,
    close() {
      for (const panel of panels) panel.close();
    },
  };
};

function managersOnly(t: (key: ManageKey) => string, askForToken: () => void): View {
  // The shell owns token entry; this button only opens its dialog, so there is one way to enter a token.
  const open = html('button', { type: 'button', class: 'manage-button manage-button--primary' }, [
    t('openToken'),
  ]);
  open.addEventListener('click', askForToken);
  return {
    element: html(
      'main',
      { id: 'main', class: 'view manage message', tabindex: -1, 'data-testid': 'manage-role' },
      [html('h1', {}, [t('needManager')]), html('p', {}, [t('needManagerBody')]), html('p', {}, [open])],
    ),
    close() {},
  };
}
