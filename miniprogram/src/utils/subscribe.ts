import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { recordSubscriptions, wechatStatus } from '../services/wechat';
import { isWeapp } from './platform';

/** The templates to ask for, once the server has said which (WeChat asks for at most three at a time). */
let templateIds: string[] = [];

/**
 * Whether to offer progress messages here: only inside WeChat, and only when the server has
 * subscribe templates configured. Loads them ahead, because the dialog must open from the tap itself.
 */
export function useSubscribeOffer(): boolean {
  const [available, setAvailable] = useState(isWeapp && templateIds.length > 0);
  useEffect(() => {
    if (!isWeapp) {
      return;
    }
    let alive = true;
    void wechatStatus().then((status) => {
      templateIds = status.subscribeTemplateIds.slice(0, 3);
      if (alive) {
        setAvailable(templateIds.length > 0);
      }
    });
    return () => {
      alive = false;
    };
  }, []);
  return available;
}

/**
 * Asks for one-time subscribe-message consent (progress pushes) and records the answer. WeChat
 * only shows the dialog from a tap, so call this first thing in a tap handler, before any await.
 * Never throws: declining or an old client must not stop what the user was doing.
 */
export function askForProgressMessages(): Promise<void> {
  const ids = templateIds;
  if (!isWeapp || ids.length === 0) {
    return Promise.resolve();
  }
  return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })
    .then((result) => {
      const answers = result as unknown as Record<string, string>;
      return recordSubscriptions(
        ids,
        ids.filter((id) => answers[id] === 'accept'),
      );
    })
    .catch(() => undefined);
}
