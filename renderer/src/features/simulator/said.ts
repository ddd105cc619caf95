// What the follower did, in words, for the follower's side of the chat: read from the XML of the
// exchange (so a reloaded log draws the same conversation), with the tapped button's name when known.

/** A field of the push's XML (first match; CDATA or not). Nested names are matched by their last part. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2] ?? '').trim() : undefined;
}

/** A key of the feature's strings and its values: the component puts it in the page's language. */
export interface Said {
  key: string;
  vars: Record<string, string>;
  /** Pushed by WeChat on its own (a template delivered): drawn as a system line. */
  system?: boolean;
}

export function saidOf(xml: string, tapped?: string): Said {
  const f = (name: string) => xmlField(xml, name) ?? '';
  const type = f('MsgType');
  if (type !== 'event') {
    switch (type) {
      case 'text':
        return { key: 'said.text', vars: { text: f('Content') } };
      case 'image':
      case 'voice':
      case 'video':
      case 'shortvideo':
        return { key: `said.${type}`, vars: { text: f('Recognition') } };
      case 'location':
        return { key: 'said.location', vars: { label: f('Label') || `${f('Location_X')}, ${f('Location_Y')}` } };
      case 'link':
        return { key: 'said.link', vars: { title: f('Title') } };
      default:
        return { key: 'said.xml', vars: { type: type || '?' } };
    }
  }
  const event = f('Event');
  const key = f('EventKey');
  const name = tapped ?? key;
  switch (event) {
    case 'subscribe':
      return key ? { key: 'said.subscribeScene', vars: { key } } : { key: 'said.subscribe', vars: {} };
    case 'unsubscribe':
      return { key: 'said.unsubscribe', vars: {} };
    case 'SCAN':
      return { key: 'said.scan', vars: { key } };
    case 'LOCATION':
      return { key: 'said.locationReport', vars: { lat: f('Latitude'), lng: f('Longitude') } };
    case 'CLICK':
      return { key: 'said.click', vars: { name } };
    case 'VIEW':
      return { key: 'said.view', vars: { name, url: key } };
    case 'scancode_push':
    case 'scancode_waitmsg':
      return { key: 'said.scancode', vars: { name, text: f('ScanResult') } };
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return { key: 'said.pics', vars: { name, count: f('Count') || '1' } };
    case 'location_select':
      return { key: 'said.locationSelect', vars: { name, label: f('Poiname') || f('Label') } };
    case 'view_miniprogram':
      return { key: 'said.miniprogram', vars: { name, path: key } };
    case 'TEMPLATESENDJOBFINISH':
      return { key: templateKey(f('Status')), vars: { status: f('Status'), msgid: f('MsgID') || f('MsgId') }, system: true };
    default:
      return { key: 'said.event', vars: { event: event || '?' } };
  }
}

/**
 * TEMPLATESENDJOBFINISH explained by its Status (模板消息 事件推送): success; failed:user block (the
 * follower refuses the account's messages); failed: system failed (any other cause); others as given.
 */
export function templateKey(status: string): string {
  if (status === 'success') return 'said.template.success';
  if (/^failed:\s*user block$/.test(status)) return 'said.template.block';
  if (/^failed:\s*system failed$/.test(status)) return 'said.template.system';
  return 'said.template';
}
