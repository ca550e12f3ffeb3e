import { Button } from 'antd';
import type { ReportFigure, ReportFigureKey, ReportTimeFigure } from '@wc/shared';

const format = (value: number | null): string => (value === null ? '—' : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/**
 * One figure of a group: its value, the target under it, green when met and red when not (said in
 * words too, for print and for colour-blind readers). A click opens the applications behind it.
 */
export function FigureCell({
  figure,
  name,
  testId,
  onOpen,
}: {
  figure: ReportFigure | ReportTimeFigure;
  name: ReportFigureKey;
  testId: string;
  onOpen: (figure: ReportFigureKey) => void;
}) {
  const state = figure.met === null ? 'none' : figure.met ? 'met' : 'unmet';
  const median = 'median' in figure ? figure.median : undefined;
  return (
    <Button
      type="text"
      size="small"
      className={`report-figure report-figure-${state}`}
      data-testid={testId}
      data-state={state}
      onClick={() => onOpen(name)}
    >
      <span className="report-figure-value">
        {median !== undefined && <span className="report-figure-median">{format(median)} / </span>}
        {format(figure.value)}
      </span>
      <span className="report-figure-target">
        {figure.target === null ? '无目标' : `目标≤${format(figure.target)}`}
        {state === 'met' ? ' 达标' : state === 'unmet' ? ' 未达标' : ''}
      </span>
    </Button>
  );
}
