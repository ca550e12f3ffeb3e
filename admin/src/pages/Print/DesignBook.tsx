import type { AttachmentCategory } from '@wc/shared';
import { chinaDate, chinaDateTime } from '../../labels';
import { ApplicationRows, Seal, Signatures, lastEntry, printedAt } from './common';
import type { PrintData } from './index';
import { money, rmbUpper } from './money';

/** Attachment categories of drawings (not workflow actions). */
const DRAWINGS: readonly AttachmentCategory[] = ['construction_drawing', 'construction_drawing_pdf', 'design_change', 'as_built_drawing'];

/** 施工图设计书: a cover page and a summary page (the drawings themselves are printed from their files). */
export function DesignBook({ data }: { data: PrintData }) {
  const { app, files, history, utility, sealSrc } = data;
  const drawings = files.filter((f) => DRAWINGS.includes(f.category)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const design = lastEntry(history, 'designSubmitted');
  const survey = lastEntry(history, 'surveyed');
  const confirmed = lastEntry(history, 'designConfirmed', 'designRejected');
  const summary = typeof survey?.payload.summary === 'string' ? survey.payload.summary : '';
  return (
    <>
      <article className="print-page print-cover" data-testid="design-book-cover">
        <div>
          <div className="print-cover-title">施工图设计书</div>
          <div className="print-cover-fields">
            <div>
              <span>工程名称</span>
              <span>{app.name}供水工程</span>
            </div>
            <div>
              <span>报装编号</span>
              <span>{app.number}</span>
            </div>
            <div>
              <span>工程地点</span>
              <span>{app.waterAddress}</span>
            </div>
            <div>
              <span>设计人</span>
              <span>{design?.actor.name ?? ''}</span>
            </div>
            <div>
              <span>设计日期</span>
              <span>{design ? chinaDate(new Date(design.at)) : ''}</span>
            </div>
          </div>
        </div>
        <div className="print-cover-company print-sealed">
          <Seal src={sealSrc} />
          {utility.name}
          <br />
          {chinaDate(new Date()).slice(0, 7).replace('-', '年')}月
        </div>
      </article>
      <article className="print-page" data-testid="design-book-summary">
        <h1 className="print-title">设计说明</h1>
        <div className="print-section">一、工程概况</div>
        <ApplicationRows app={app} />
        <div className="print-section">二、接水方案</div>
        <p>{summary || '（见现场勘察方案草图）'}</p>
        <div className="print-section">三、图纸目录</div>
        <table className="print-table">
          <thead>
            <tr>
              <th style={{ width: '10mm' }}>序号</th>
              <th>图纸名称</th>
              <th style={{ width: '30mm' }}>类别</th>
              <th style={{ width: '22mm' }}>版本</th>
              <th style={{ width: '34mm' }}>上传时间</th>
            </tr>
          </thead>
          <tbody>
            {drawings.map((f, i) => (
              <tr key={f.id}>
                <td className="num">{i + 1}</td>
                <td>{f.displayName}</td>
                <td>{f.categoryLabel}</td>
                <td>{f.current ? '现行版本' : '已替换'}</td>
                <td>{chinaDateTime(f.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="print-section">四、工程预算</div>
        <p>
          预算总额：{app.budgetTotal !== null ? `${money(app.budgetTotal)} 元（人民币${rmbUpper(app.budgetTotal)}）` : '尚未编制'}
          {confirmed
            ? `；用户${confirmed.milestone === 'designConfirmed' ? '已确认' : '未同意'}（${chinaDateTime(confirmed.at)}）`
            : '；尚未经用户确认'}
        </p>
        <Signatures labels={[`设计：${design?.actor.name ?? ''}`, '校对', '审核', '批准']} />
        <div className="print-note">打印时间：{printedAt()}</div>
      </article>
    </>
  );
}
