import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AttachmentCategory, FileKind } from '@wc/shared';
import { jsonColumn } from '../db/json';

/** A stored file (附件) of an application; never deleted by a workflow step. */
export class Attachment extends Model<InferAttributes<Attachment>, InferCreationAttributes<Attachment>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare category: AttachmentCategory;
  declare displayName: string;
  declare originalName: string;
  declare storageDriver: 'local' | 'oss';
  declare storageKey: string;
  declare size: number;
  declare mimeType: string;
  declare fileKind: FileKind;
  declare sha256: string;
  declare uploaderUserId: number | null;
  /** The history entry (action) that took this file; null while it waits for its action. */
  declare historyId: number | null;
  /** Set when a newer version of a versioned category replaced it. */
  declare supersededById: number | null;
  /** EXIF capture time of a photo: evidence of when the work happened. */
  declare takenAt: Date | null;
  declare gpsLat: number | null;
  declare gpsLng: number | null;
  declare meta: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Attachment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        category: { type: DataTypes.STRING(32), allowNull: false },
        displayName: { type: DataTypes.STRING(200), allowNull: false },
        originalName: { type: DataTypes.STRING(255), allowNull: false },
        storageDriver: { type: DataTypes.STRING(8), allowNull: false },
        storageKey: { type: DataTypes.STRING(255), allowNull: false },
        size: {
          type: DataTypes.BIGINT,
          allowNull: false,
          get(this: Attachment) {
            return Number(this.getDataValue('size'));
          },
        },
        mimeType: { type: DataTypes.STRING(100), allowNull: false },
        fileKind: { type: DataTypes.STRING(8), allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        uploaderUserId: { type: DataTypes.INTEGER, allowNull: true },
        historyId: { type: DataTypes.INTEGER, allowNull: true },
        supersededById: { type: DataTypes.INTEGER, allowNull: true },
        takenAt: { type: DataTypes.DATE(3), allowNull: true },
        gpsLat: { type: DataTypes.DOUBLE, allowNull: true },
        gpsLng: { type: DataTypes.DOUBLE, allowNull: true },
        meta: jsonColumn<Record<string, unknown>>('meta', {}),
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'attachments', underscored: true, updatedAt: false },
    );
  }
}
