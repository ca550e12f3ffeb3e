import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * 服务评价: the applicant's rating of a completed application, one per application (unique index),
 * never changed once given — a score that could be revised later would invite asking customers to
 * raise it, and the dashboard's months would shift under their readers.
 */
export class Rating extends Model<InferAttributes<Rating>, InferCreationAttributes<Rating>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare applicantUserId: number;
  /** 1 to 5 stars. */
  declare score: number;
  declare comment: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Rating.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        applicantUserId: { type: DataTypes.INTEGER, allowNull: false },
        score: { type: DataTypes.TINYINT, allowNull: false },
        comment: { type: DataTypes.STRING(500), allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'ratings', underscored: true, updatedAt: false },
    );
  }
}
