import type uPlot from 'uplot';
import type { ThemeTokens } from '../ui';
import type { ChartEvent } from './chartEvents';
import type { ChartChannel } from './chartOptions';
import { drawEventMarks, drawRunSpans, type EventLook } from './eventOverlay';
import { drawLimitBands, drawLimitMarks, type LimitLook } from './limitBands';

/** What a chart's decorations are drawn from, read at every frame. */
export interface Decorations {
  channels: readonly ChartChannel[];
  events: readonly ChartEvent[];
}

/**
 * uPlot hooks drawing a chart's channel limits (bands under the series,
 * samples beyond them marked over it) and its instrument's commands and
 * runs; what each frame drew is recorded on `host` for tests
 * (`data-limit-bands`, `data-limit-marks`, `data-events`).
 */
export function decorationHooks(
  read: () => Decorations,
  tokens: ThemeTokens,
  host: HTMLElement,
): { drawAxes: (u: uPlot) => void; draw: (u: uPlot) => void } {
  const limitLook = (): LimitLook => ({
    warning: tokens.warning,
    critical: tokens.danger,
    limits: read().channels.map((c) => c.limits ?? null),
  });
  const eventLook: EventLook = {
    accent: tokens.accent,
    danger: tokens.danger,
    background: tokens.background,
    text: tokens.text,
    font: tokens.fontSans || 'system-ui, sans-serif',
  };
  return {
    drawAxes: (u) => {
      host.setAttribute('data-limit-bands', JSON.stringify(drawLimitBands(u, limitLook())));
      drawRunSpans(u, read().events, eventLook);
    },
    draw: (u) => {
      const marks = drawLimitMarks(u, limitLook());
      const drawn = drawEventMarks(u, read().events, eventLook);
      host.setAttribute('data-limit-marks', JSON.stringify(marks));
      host.setAttribute('data-events', JSON.stringify(drawn));
    },
  };
}
