/**
 * The embedded database remembers each table's column types instead of asking SQLite before every
 * read (see src/db/sqliteHandles.ts). Dates must still come back as dates — on the second read,
 * which uses what was remembered, and after a migration adds a column, which must be learnt anew.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db/sequelize';

describe('column types of the embedded database', () => {
  let dir: string;
  let sequelize: Sequelize;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wc-column-types-'));
    sequelize = createSequelize({ databaseUrl: `sqlite:${path.join(dir, 'db.sqlite')}`, databaseDialect: 'sqlite' });
    await sequelize.query('CREATE TABLE visits (id INTEGER PRIMARY KEY, seen_at DATETIME)');
  });
  afterAll(async () => {
    await sequelize.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const seen = new Date('2026-11-29T08:30:00.123Z');
  const left = new Date('2026-11-29T09:45:00.456Z');

  it('reads a date as a date every time', async () => {
    const Visit = sequelize.define(
      'Visit',
      { id: { type: DataTypes.INTEGER, primaryKey: true }, seenAt: DataTypes.DATE },
      {
        tableName: 'visits',
        underscored: true,
        timestamps: false,
      },
    );
    await Visit.create({ id: 1, seenAt: seen });
    for (let read = 0; read < 3; read++) {
      expect((await Visit.findByPk(1))?.get('seenAt')).toEqual(seen);
    }
    await sequelize.transaction(async (t) => {
      expect((await Visit.findByPk(1, { transaction: t }))?.get('seenAt')).toEqual(seen);
    });
  });

  it('reads a column a migration added as what it is', async () => {
    await sequelize.getQueryInterface().addColumn('visits', 'left_at', { type: DataTypes.DATE, allowNull: true });
    const Visit = sequelize.define(
      'VisitWithLeave',
      { id: { type: DataTypes.INTEGER, primaryKey: true }, seenAt: DataTypes.DATE, leftAt: DataTypes.DATE },
      { tableName: 'visits', underscored: true, timestamps: false },
    );
    await Visit.update({ leftAt: left }, { where: { id: 1 } });
    const visit = await Visit.findByPk(1);
    expect(visit?.get('leftAt')).toEqual(left);
    expect(visit?.get('seenAt')).toEqual(seen);
  });
});
