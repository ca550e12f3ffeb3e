import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RATING_COMMENT_MAX, fieldErrorMap, fieldErrors, ratingInputSchema, ratingStars } from '@wc/shared';
import { useRef, useState } from 'react';
import { AppButton } from '../../../components/AppButton';
import { ApiError, newIdempotencyKey } from '../../../services/request';
import type { ApplicationDetail } from '../../../services/types';
import { dateTime } from '../../../utils/format';
import { rateApplication } from '../rating';
import './RatingCard.scss';

interface Props {
  app: ApplicationDetail;
  onRated: () => void;
}

const SCORE_WORDS = ['', '非常不满意', '不满意', '一般', '满意', '非常满意'];

/** The card's id, which the completion notice's link (`?rate=1`) scrolls to. */
export const RATING_CARD_ID = 'rating-card';

/**
 * 评价服务: the rating the applicant gave, or — when the server offers it (`permissions.rate`) —
 * five stars to tap and a comment box. Nothing at all otherwise.
 */
export function RatingCard({ app, onRated }: Props) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  // One key per rating: a retried submit after a lost reply is done once.
  const key = useRef(newIdempotencyKey());

  if (app.rating) {
    return (
      <View className="card rating-card" id={RATING_CARD_ID}>
        <View className="card__head">
          <Text className="card__title">服务评价</Text>
        </View>
        <Text className="rating-card__given">
          您的评价：<Text className="rating-card__stars">{app.rating.stars}</Text>
        </Text>
        {app.rating.comment && <Text className="rating-card__comment">{app.rating.comment}</Text>}
        <Text className="muted small">评价于 {dateTime(app.rating.createdAt)}，感谢您的反馈</Text>
      </View>
    );
  }
  if (!app.permissions.rate) {
    return null;
  }

  const submit = async () => {
    const parsed = ratingInputSchema.safeParse({ score: score || undefined, comment });
    if (!parsed.success) {
      setErrors(fieldErrorMap(fieldErrors(parsed.error)));
      return;
    }
    setBusy(true);
    try {
      await rateApplication(app.id, { score, comment: comment.trim() || undefined }, key.current);
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
      onRated();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        setErrors(error.fields);
      } else {
        setErrors({ form: error instanceof Error ? error.message : '提交失败，请稍后再试' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card rating-card" id={RATING_CARD_ID}>
      <View className="card__head">
        <Text className="card__title">评价服务</Text>
      </View>
      <Text className="muted small">报装已完成，请为本次服务打分</Text>
      <View className="rating-card__picker">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text
            key={n}
            className={`rating-card__star ${n <= score ? 'rating-card__star--on' : ''}`}
            aria-label={`${n}星`}
            onClick={() => {
              setScore(n);
              setErrors((prev) => ({ ...prev, score: undefined }));
            }}
          >
            {n <= score ? '★' : '☆'}
          </Text>
        ))}
        {score > 0 && <Text className="rating-card__word">{SCORE_WORDS[score]}</Text>}
      </View>
      {errors.score && <Text className="rating-card__error">{errors.score}</Text>}
      <Textarea
        className="rating-card__input"
        value={comment}
        maxlength={RATING_COMMENT_MAX}
        placeholder="说说您的感受（选填）"
        onInput={(e) => {
          setComment(e.detail.value);
          setErrors((prev) => ({ ...prev, comment: undefined }));
        }}
      />
      {errors.comment && <Text className="rating-card__error">{errors.comment}</Text>}
      {errors.form && <Text className="rating-card__error">{errors.form}</Text>}
      <AppButton className="btn btn--primary btn--block rating-card__submit" loading={busy} onClick={() => void submit()}>
        {score > 0 ? `提交评价（${ratingStars(score)}）` : '提交评价'}
      </AppButton>
    </View>
  );
}
