// What WeChat stored for a rid (openapi/rid/get): loaded when a rid is looked up.
import { defineStrings } from '../../i18n/define';

const en = {
  'rid.heading': 'What WeChat stored for rid {rid}',
  'rid.invokeTime': 'Invoke time',
  'rid.cost': 'Cost',
  'rid.clientIp': 'Client IP',
  'rid.requestUrl': 'Request URL',
  'rid.requestBody': 'Request body',
  'rid.responseBody': 'Response body',
  'rid.empty': '(empty)',

  'rid.ms': '{ms} ms',
  'rid.none': '—',
} as const;

const zh: Record<keyof typeof en, string> = {
  'rid.heading': '微信记录的 rid {rid} 信息',
  'rid.invokeTime': '调用时间',
  'rid.cost': '耗时',
  'rid.clientIp': '客户端 IP',
  'rid.requestUrl': '请求 URL',
  'rid.requestBody': '请求体',
  'rid.responseBody': '响应体',
  'rid.empty': '（空）',

  'rid.ms': '{ms} 毫秒',
  'rid.none': '—',
};

export const ridStrings = defineStrings(en, zh);
