import type { Transaction } from 'sequelize';
import { chainHash } from '../lib/hashChain';
import { AuditEvent } from '../models';
import { nextCounterValue } from './counters';

interface AuditInput {
  actorUserId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  data?: Record<string, unknown>;
  ip?: string;
}

/** The fields an audit event's hash covers. */
export function auditHashContent(e: Pick<AuditEvent, 'actorUserId' | 'action' | 'targetType' | 'targetId' | 'data' | 'ip' | 'at'>) {
  return { actorUserId: e.actorUserId, action: e.action, targetType: e.targetType, targetId: e.targetId, data: e.data, ip: e.ip, at: e.at };
}

/**
 * Appends an audit event, chained to the previous one by hash. Taking the chain counter's row lock
 * first serializes writers, so the chain never forks.
 */
export async function recordAudit(input: AuditInput, t: Transaction, at = new Date()): Promise<AuditEvent> {
  await nextCounterValue('audit_chain', t);
  const last = await AuditEvent.findOne({ order: [['id', 'DESC']], transaction: t });
  const fields = {
    actorUserId: input.actorUserId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId === undefined ? null : String(input.targetId),
    data: input.data ?? {},
    ip: input.ip ?? null,
    at,
  };
  const prevHash = last?.hash ?? null;
  return AuditEvent.create({ ...fields, prevHash, hash: chainHash(prevHash, auditHashContent(fields)) }, { transaction: t });
}
