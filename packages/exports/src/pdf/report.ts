import { once } from 'node:events';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { anchorSpan, type Annotation, type Comment } from '@fieldbook/shared';
import {
  collectionsOf,
  filteredAnnotations,
  nameCache,
  type ExportedAnnotation,
} from '../annotations/annotationStream';
import type { ExportContext, ExportSource } from '../source';
import { iso } from '../streams';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartWindow,
  renderAnnotationChart,
  type ChartSeries,
} from './chart';
import { bytes, describeFilter, duration } from './describe';
import { registerFonts, type ReportFonts } from './pdfFonts';

const MARGIN = 56;
/** A time for people: `2026-03-01 12:10:00.250 UTC` (milliseconds only when there are any). */
const when = (ms: number) =>
  `${iso(ms)
    .replace('T', ' ')
    .replace(/\.000Z$|Z$/, '')} UTC`;
const GREY = '#4b5563';
/** Channels drawn per chart (an anchor may name up to 64). */
const MAX_CHART_CHANNELS = 4;
/** Buckets per channel: about one per two pixels of the chart. */
const CHART_POINTS = CHART_WIDTH / 2;

type Doc = InstanceType<typeof PDFDocument>;

/** Writes a footer on every page: workspace, export time and page number. */
function footers(doc: Doc, fonts: ReportFonts, label: string): void {
  let page = 0;
  const draw = () => {
    page += 1;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(fonts.regular)
      .fontSize(8)
      .fillColor(GREY)
      .text(`${label} · page ${page}`, MARGIN, doc.page.height - 36, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
    doc.x = x;
    doc.y = y;
    doc.fillColor('black');
  };
  draw();
  doc.on('pageAdded', draw);
}

function field(doc: Doc, fonts: ReportFonts, label: string, value: string, mono = false): void {
  doc.font(fonts.bold).fontSize(10).fillColor(GREY).text(`${label}  `, { continued: true });
  doc
    .font(mono ? fonts.mono : fonts.regular)
    .fillColor('black')
    .text(value || '—');
}

async function titlePage(doc: Doc, fonts: ReportFonts, source: ExportSource, ctx: ExportContext) {
  const nameOf = nameCache(source);
  const collections = new Map((await collectionsOf(source, {})).map((c) => [c.id, c.title]));
  doc.moveDown(6);
  doc.font(fonts.bold).fontSize(26).text('Annotation report');
  doc
    .font(fonts.regular)
    .fontSize(16)
    .fillColor(GREY)
    .text(source.workspace.name || 'Workspace');
  doc.moveDown(2).fillColor('black');
  field(doc, fonts, 'Exported by', ctx.exportedBy);
  field(doc, fonts, 'Exported at', when(ctx.exportedAt));
  field(doc, fonts, 'Workspace ID', source.workspace.id, true);
  doc.moveDown(0.5);
  doc.font(fonts.bold).fontSize(10).fillColor(GREY).text('Filters');
  const author = ctx.filter.author ? await nameOf(ctx.filter.author) : null;
  for (const line of describeFilter(ctx.filter, { collections, author }))
    doc.font(fonts.regular).fillColor('black').text(`• ${line}`, { indent: 10 });
  doc.moveDown(0.5);
  doc.font(fonts.bold).fontSize(10).fillColor(GREY).text('Audit chain head at export');
  if (ctx.auditHead) {
    doc.font(fonts.regular).fillColor('black').text(`Entry #${ctx.auditHead.seq}`);
    doc.font(fonts.mono).fontSize(9).text(ctx.auditHead.hash);
    doc
      .font(fonts.regular)
      .fontSize(9)
      .fillColor(GREY)
      .text(
        'Compare with the audit trail (GET /api/v1/audit/verify) to show this report was made from an intact record.',
      );
  } else {
    doc.font(fonts.regular).fillColor('black').text('No audit trail available for this export');
  }
  doc.fillColor('black');
}

/** The anchor's channels as people name them (key and unit), ids only where the source knows none. */
async function channelLabels(source: ExportSource, a: Annotation): Promise<string[]> {
  return Promise.all(a.anchor.channels.map(async (c) => (await source.channelLabel?.(c)) ?? c));
}

async function chartOf(source: ExportSource, a: Annotation, labels: string[]) {
  if (!source.samples) return null;
  const window = chartWindow(a);
  const series: ChartSeries[] = [];
  for (const [i, channel] of a.anchor.channels.slice(0, MAX_CHART_CHANNELS).entries()) {
    const s = await source.samples(channel, window[0], window[1], CHART_POINTS);
    if (s) series.push({ label: labels[i]!, series: s });
  }
  return renderAnnotationChart(a, window, series);
}

function commentTree(comments: Comment[]): { comment: Comment; depth: number }[] {
  const children = new Map<string | null, Comment[]>();
  const ids = new Set(comments.map((c) => c.id));
  for (const c of comments) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: { comment: Comment; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ comment: c, depth });
      walk(c.id, Math.min(depth + 1, 4));
    }
  };
  walk(null, 0);
  return out;
}

async function section(
  doc: Doc,
  fonts: ReportFonts,
  item: ExportedAnnotation,
  drawn: { chart: Buffer | null; channels: string[] },
  nameOf: (id: string) => Promise<string>,
) {
  const a = item.annotation;
  const { chart } = drawn;
  const width = doc.page.width - 2 * MARGIN;
  const chartHeight = (width * CHART_HEIGHT) / CHART_WIDTH;
  if (doc.y + 120 + (chart ? chartHeight : 0) > doc.page.height - doc.page.margins.bottom)
    doc.addPage();
  else doc.moveDown(1.5);
  doc.x = MARGIN;
  doc
    .font(fonts.bold)
    .fontSize(14)
    .fillColor('black')
    .text(a.title || `Untitled ${a.kind} annotation`);
  const [lo, hi] = anchorSpan(a.anchor);
  const approved = a.status === 'approved' ? 'approved' : 'draft (not approved)';
  doc.font(fonts.regular).fontSize(9).fillColor(GREY);
  doc.text(`${item.collection.name} · ${a.kind} · ${approved} · by ${await nameOf(a.author)}`);
  doc.text(`Created ${when(a.createdAt)} · updated ${when(a.updatedAt)}`);
  doc.text(`ID ${a.id}`);
  doc.moveDown(0.4).fillColor('black');
  field(
    doc,
    fonts,
    'Time',
    hi > lo ? `${when(lo)} – ${when(hi)} (${duration(hi - lo)})` : when(lo),
  );
  field(doc, fonts, 'Channels', drawn.channels.join(', '));
  const values = [a.anchor.y, a.anchor.y2].filter((v) => v !== undefined);
  if (values.length)
    field(
      doc,
      fonts,
      a.kind === 'point' || a.kind === 'text' ? 'Value' : 'Values',
      values.join(' → '),
    );
  if (a.tags.length) field(doc, fonts, 'Tags', a.tags.join(', '));
  field(doc, fonts, 'Approval', a.status === 'approved' ? 'Approved' : 'Not approved');
  if (chart) {
    doc.moveDown(0.4);
    doc.image(chart, MARGIN, doc.y, { width });
    doc.y += chartHeight + 4;
    doc.x = MARGIN;
  }
  if (a.body.trim()) {
    doc.moveDown(0.4);
    doc.font(fonts.regular).fontSize(10).text(a.body, { width });
  }
  if (a.comments.length) {
    doc.moveDown(0.5);
    doc.font(fonts.bold).fontSize(10).text(`Comments (${a.comments.length})`);
    for (const { comment: c, depth } of commentTree(a.comments)) {
      const indent = 12 + depth * 14;
      const state = c.resolved ? ' · resolved' : '';
      const edited = c.editedAt ? ` · edited ${when(c.editedAt)}` : '';
      doc
        .font(fonts.bold)
        .fontSize(9)
        .fillColor(GREY)
        .text(`${await nameOf(c.author)} · ${when(c.ts)}${edited}${state}`, MARGIN + indent);
      doc
        .font(fonts.regular)
        .fontSize(9.5)
        .fillColor('black')
        .text(c.body, MARGIN + indent, doc.y, { width: width - indent });
    }
    doc.x = MARGIN;
  }
  if (a.attachments.length) {
    doc.moveDown(0.5);
    doc.font(fonts.bold).fontSize(10).text('Attachments');
    for (const f of a.attachments)
      doc
        .font(fonts.regular)
        .fontSize(9)
        .text(`• ${f.name} (${f.mimeType}, ${bytes(f.size)}) sha256 ${f.hash.slice(0, 16)}…`, {
          indent: 10,
        });
  }
}

/**
 * Writes the PDF report of the filtered annotations with pdfkit: a title page
 * (workspace, who, when, filters, audit-chain head), then one section per
 * annotation with its fields, approval, a chart of its time range drawn from
 * the decimated telemetry, its body, threaded comments and attachments.
 * Pages are flushed as they fill; `out` is ended when done.
 */
export async function writeAnnotationsPdf(
  source: ExportSource,
  ctx: ExportContext,
  out: Writable,
): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Annotation report — ${source.workspace.name}`,
      Author: ctx.exportedBy,
      Creator: 'Fieldbook',
      CreationDate: new Date(ctx.exportedAt),
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  const fonts = registerFonts(doc);
  footers(doc, fonts, `${source.workspace.name} · annotation report · ${iso(ctx.exportedAt)}`);
  await titlePage(doc, fonts, source, ctx);
  doc.addPage();
  const nameOf = nameCache(source);
  let count = 0;
  for await (const item of filteredAnnotations(source, ctx.filter, ctx.signal)) {
    const channels = await channelLabels(source, item.annotation);
    const chart = await chartOf(source, item.annotation, channels);
    await section(doc, fonts, item, { chart, channels }, nameOf);
    count += 1;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  doc.moveDown(2);
  doc.x = MARGIN;
  doc
    .font(fonts.regular)
    .fontSize(10)
    .fillColor(GREY)
    .text(
      count === 0
        ? 'No annotation matches the filters.'
        : `End of report: ${count} annotation${count === 1 ? '' : 's'}.`,
    );
  doc.end();
  await finished;
}
