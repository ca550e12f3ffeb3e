import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ADDRESS_LABELS,
  APPLICANT_KIND_LABELS,
  ATTACHMENT_CATEGORIES,
  NAME_LABELS,
  applicationFormSchema,
  chinaDateTime,
  materialSlots,
  missingMaterialsMessage,
  type ApplicantKind,
  type MaterialSettings,
} from '@wc/shared';
import { useEffect, useRef, useState } from 'react';
import { AppButton } from '../../components/AppButton';
import { Field, TextField } from '../../components/FormField';
import { KindToggle } from '../../components/KindToggle';
import { useNow } from '../../hooks/useNow';
import { useRequireLogin } from '../../hooks/useRequireLogin';
import { useZodForm } from '../../hooks/useZodForm';
import { createApplication, getApplication, getHistory, takeAction, updateApplication } from '../../services/applications';
import { getMaterialSettings, listAttachments, uploadMaterial } from '../../services/attachments';
import { ApiError, newIdempotencyKey, showError } from '../../services/request';
import type { Application } from '../../services/types';
import { ApplyResult } from './ApplyResult';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { emptyValues, toFormInput, valuesFrom, type ApplyValues } from './form';
import { MaterialSlots, missingPapers, type PickedPaper } from './MaterialSlots';
import { WaterTypeChips } from './WaterTypeChips';
import { WorksFields } from './WorksFields';
import './index.scss';

/**
 * 新增报装: the application form with the same rules as the server, checked as the user goes; the
 * draft survives leaving the page. With `?id=` it corrects a returned application and resubmits it.
 */
export default function ApplyPage() {
  const session = useRequireLogin();
  const router = useRouter<{ id?: string }>();
  const editId = router.params.id ? Number(router.params.id) : null;
  const accountKind = session?.user.applicantKind ?? null;
  const userId = session?.user.id ?? 0;

  // Only the first render decides where the form starts; later changes are the user's.
  const [start] = useState(() => {
    const draft = editId === null && userId ? loadDraft(userId) : null;
    return { values: draft ?? emptyValues(accountKind ?? 'enterprise'), restored: draft !== null };
  });
  const [restored, setRestored] = useState(start.restored);
  const form = useZodForm(applicationFormSchema, toFormInput, start.values);
  const [editing, setEditing] = useState<{ app: Application; reason: string | null } | null>(null);
  const [result, setResult] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const now = useNow(60_000);
  const v = form.values;
  // 申请材料: picked here, uploaded once the application has its number (files need an application).
  const [materials, setMaterials] = useState<MaterialSettings | null>(null);
  const [picked, setPicked] = useState<PickedPaper[]>([]);
  const [present, setPresent] = useState<string[]>([]);
  const [showMissing, setShowMissing] = useState(false);
  // Submitted, but a paper did not go up: the page stays to retry it.
  const [submitted, setSubmitted] = useState<Application | null>(null);
  const slots = materials ? materialSlots(materials, v.kind) : [];

  useEffect(() => {
    if (session) {
      getMaterialSettings()
        .then(setMaterials)
        .catch(() => undefined);
    }
  }, [session?.user.id]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Uploads the papers not yet up, one after another, named after the applicant (「珠江摩尔 营业执照」). */
  const uploadPapers = async (appId: number, name: string): Promise<boolean> => {
    let ok = true;
    const list = picked.filter((p) => p.status !== 'done');
    for (const paper of list) {
      const index = picked.filter((p) => p.category === paper.category).indexOf(paper);
      const label = ATTACHMENT_CATEGORIES[paper.category].label;
      const displayName = `${name} ${label}${index > 0 ? ` (${index + 1})` : ''}`.slice(0, 100);
      setPicked((all) => all.map((p) => (p.key === paper.key ? { ...p, status: 'uploading', error: null } : p)));
      try {
        await uploadMaterial(appId, paper.category, displayName, paper);
        setPicked((all) => all.map((p) => (p.key === paper.key ? { ...p, status: 'done' } : p)));
      } catch (error) {
        ok = false;
        const message = error instanceof ApiError ? error.message : '上传失败，请重试';
        setPicked((all) => all.map((p) => (p.key === paper.key ? { ...p, status: 'failed', error: message } : p)));
      }
    }
    return ok;
  };

  useEffect(() => {
    if (editId === null || !session) {
      return;
    }
    void (async () => {
      const [app, history] = await Promise.all([getApplication(editId), getHistory(editId)]);
      // The server says whether this user may correct the form now (`permissions.edit`).
      if (!app.permissions.edit) {
        showError('当前状态不能修改申请');
        return;
      }
      // The entry that returned it, not a later 修改申请 (which stays at 已退回 and has no reason).
      const returned = [...history].reverse().find((h) => h.toState === 'returned' && h.fromState !== 'returned');
      setEditing({ app, reason: returned?.comment ?? null });
      form.setAll(valuesFrom(app));
      const files = await listAttachments(editId);
      setPresent(files.filter((f) => f.current).map((f) => f.category));
    })().catch(() => undefined);
    // Load once per application.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editId, session?.user.id]);

  // Keep the draft on the device as the user types (new applications only).
  useEffect(() => {
    if (editId === null && userId && !result) {
      saveDraft(userId, v);
    }
    idempotencyKey.current = newIdempotencyKey();
  }, [v, editId, userId, result]);

  const change = (name: keyof ApplyValues, value: string) => form.set(name, value);
  const field = form.field;

  const switchKind = (kind: ApplicantKind) => {
    form.setAll({
      ...v,
      kind,
      waterType: kind === 'resident' ? 'permanent' : v.waterType,
      creditCode: kind === 'resident' ? '' : v.creditCode,
    });
  };

  const discardDraft = () => {
    clearDraft(userId);
    setRestored(false);
    form.setAll(emptyValues(accountKind ?? 'enterprise'));
  };

  const onSubmit = async () => {
    if (busy) {
      return;
    }
    if (submitted) {
      setBusy(true);
      const ok = await uploadPapers(submitted.id, submitted.name).finally(() => setBusy(false));
      if (ok) {
        setResult(submitted);
      }
      return;
    }
    const input = form.submit();
    if (!input) {
      showError('请检查标红的内容');
      void Taro.pageScrollTo({ selector: '.form-field--error', duration: 200 }).catch(() => undefined);
      return;
    }
    // The review needs them: asked for now rather than after a wait (申请材料设置).
    const lacking = missingPapers(slots, picked, present);
    if (lacking.length > 0) {
      setShowMissing(true);
      showError(missingMaterialsMessage(lacking.map((s) => s.category)));
      void Taro.pageScrollTo({ selector: '.materials', duration: 200 }).catch(() => undefined);
      return;
    }
    setBusy(true);
    try {
      if (editing) {
        // A returned application takes its papers before it is corrected and resubmitted.
        if (!(await uploadPapers(editing.app.id, v.name))) {
          showError('有材料未上传成功，请重试');
          return;
        }
        const updated = await updateApplication(editing.app.id, toFormInput(v), editing.app.version);
        // The action this form ends with is the one offered with it (its form hint), never a key written here.
        const resubmit = updated.availableActions.find((a) => a.form === 'correctForm');
        if (!resubmit) {
          showError('申请已修改，但当前不能重新提交，请在报装详情中查看');
          return;
        }
        setResult(await takeAction(updated.id, resubmit.key, { version: updated.version }));
      } else {
        const created = await createApplication(toFormInput(v), idempotencyKey.current);
        clearDraft(userId);
        if (await uploadPapers(created.id, created.name)) {
          setResult(created);
        } else {
          setSubmitted(created);
          showError('申请已提交，但有材料未上传成功，请重试');
        }
      }
    } catch (error) {
      if (error instanceof ApiError) {
        form.setServerErrors(error.fields);
        if (error.code !== 'VALIDATION_FAILED') {
          showError(error.message);
        } else {
          showError(error.details[0]?.message ?? error.message);
        }
      }
    } finally {
      setBusy(false);
    }
  };

  if (!session) {
    return <View className="page" />;
  }
  if (result) {
    return <ApplyResult app={result} resubmitted={editing !== null} />;
  }

  const enterprise = v.kind === 'enterprise';
  return (
    <View className="page page--with-bar apply-page">
      {editing && (
        <View className="notice">
          <Text>
            申请 {editing.app.number} 已被退回
            {editing.reason ? (
              <Text>
                ，原因：<Text className="apply-page__reason">{editing.reason}</Text>
              </Text>
            ) : null}
            。请修改后重新提交。
          </Text>
        </View>
      )}
      {submitted && (
        <View className="notice">
          <Text>申请已提交，报装编号 {submitted.number}。以下标为失败的材料未上传成功，请点「继续上传材料」重试。</Text>
        </View>
      )}
      {restored && !editing && (
        <View className="notice notice--info">
          <Text>已恢复您上次未提交的内容。</Text>
          <Text className="link" onClick={discardDraft}>
            清空重填
          </Text>
        </View>
      )}

      <View className="card">
        <Field
          label="报装用户"
          required
          error={form.errors.kind}
          hint={accountKind ? `当前登录的是${APPLICANT_KIND_LABELS[accountKind]}账号` : undefined}
        >
          <KindToggle
            value={v.kind}
            onChange={switchKind}
            disabled={accountKind ? (accountKind === 'enterprise' ? ['resident'] : ['enterprise']) : []}
          />
        </Field>
        <TextField label={NAME_LABELS[v.kind]} required placeholder={enterprise ? '与营业执照一致' : '申请人姓名'} {...field('name')} />
        {enterprise && (
          <TextField
            label="社会信用代码"
            required
            maxlength={18}
            placeholder="18位统一社会信用代码"
            {...field('creditCode')}
            onChange={(value) => change('creditCode', value.toUpperCase())}
          />
        )}
        <TextField label="联系人" required={enterprise} placeholder={enterprise ? '办理联系人' : '选填'} {...field('contactName')} />
        <TextField
          label="联系电话"
          required
          type="number"
          maxlength={20}
          placeholder="手机号或带区号的固定电话"
          {...field('contactPhone')}
        />
        <TextField label={ADDRESS_LABELS[v.kind]} required placeholder={enterprise ? '单位所在地址' : '您的住址'} {...field('address')} />
        <TextField label="申请用水地址" required placeholder="需要接水的地址" {...field('waterAddress')} />
        <Field label="报装类型" required error={form.errors.waterType}>
          <WaterTypeChips
            kind={v.kind}
            value={v.waterType}
            onChange={(type) => {
              change('waterType', type);
              form.touch('waterType');
            }}
          />
        </Field>
        <Field label="建筑面积" required error={form.errors.buildingArea}>
          <View className="apply-page__area">
            <Input
              className="form-field__input"
              name="buildingArea"
              type="digit"
              placeholder="请输入建筑面积"
              placeholderClass="form-field__placeholder"
              value={v.buildingArea}
              onInput={(e) => change('buildingArea', e.detail.value)}
              onBlur={() => form.touch('buildingArea')}
            />
            <Text className="apply-page__unit">m²</Text>
          </View>
        </Field>
        <WorksFields
          caliber={v.caliber ?? ''}
          externalWorks={v.externalWorks ?? ''}
          errors={{ caliber: form.errors.caliber, externalWorks: form.errors.externalWorks }}
          onChange={(name, value) => {
            change(name, value);
            form.touch(name);
          }}
        />
        <Field label="申请时间">
          <Text className="apply-page__time">
            {editing ? chinaDateTime(editing.app.createdAt) : `${chinaDateTime(new Date(now))}（提交时记录）`}
          </Text>
        </Field>
      </View>

      {slots.length > 0 && <MaterialSlots slots={slots} picked={picked} present={present} showMissing={showMissing} onChange={setPicked} />}

      <View className="action-bar">
        <AppButton className="btn btn--primary" loading={busy} onClick={onSubmit}>
          {submitted ? '继续上传材料' : editing ? '重新提交' : '提交申请'}
        </AppButton>
      </View>
    </View>
  );
}
