import Router from '@koa/router';
import { ATTACHMENT_CATEGORIES, ROLE_LABELS, STATES, WORKFLOWS } from '@wc/shared';
import type { AppState } from '../../context';

const router = new Router<AppState>({ prefix: '/workflow' });

/**
 * GET /api/workflow — the definitions and labels, for clients that are not built with the shared
 * package. Clients label things with it; what may be done now comes with each application.
 */
router.get('/', (ctx) => {
  ctx.set('Cache-Control', 'public, max-age=300');
  ctx.body = {
    data: {
      flows: Object.fromEntries(
        Object.entries(WORKFLOWS).map(([key, versions]) => [
          key,
          Object.fromEntries(
            Object.entries(versions).map(([v, def]) => [
              v,
              { label: def.label, steps: def.steps, actions: def.actions.map((a) => ({ key: a.key, label: a.label, from: a.from })) },
            ]),
          ),
        ]),
      ),
      states: Object.fromEntries(
        Object.values(STATES).map((s) => [
          s.key,
          { label: s.label, clock: s.clock, terminal: s.terminal === true, customerLabel: s.customerLabel },
        ]),
      ),
      roles: ROLE_LABELS,
      categories: Object.fromEntries(
        Object.entries(ATTACHMENT_CATEGORIES).map(([k, c]) => [k, { label: c.label, applicantVisible: c.applicantVisible }]),
      ),
    },
  };
});

export default router;
