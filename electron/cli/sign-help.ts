// The help of `wxdesk sign …` and `wxdesk crypt …`, in English and Chinese (printed under LANG=zh_CN).
import type { Locale } from '../core/errors';

export const SIGN_USAGE: Record<Locale, Record<string, string>> = {
  en: {
  sign: `Usage: wxdesk sign <server|jssdk> [options]

  server   signature = sha1(sort(Token, timestamp, nonce)): the URL check and every push
  jssdk    wx.config signature = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")

Run "wxdesk sign <command> --help" for the options of each.
`,
  'sign server': `Usage: wxdesk sign server --server-token T --timestamp TS --nonce N [--signature S] [--json]
       wxdesk sign server --account [APPID] --timestamp TS --nonce N [--signature S] [--json]

  --server-token T  the Token from the message push (服务器配置) settings;
                    --token T is an alias
  --account [APPID] use the Token saved with the account (the only one when APPID is left
                    out); --server-token still wins
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --signature       the signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
  'sign jssdk': `Usage: wxdesk sign jssdk --ticket T --noncestr N --timestamp TS --url U [--signature S] [--json]
       wxdesk sign jssdk --app-id ID|--account [APPID] --noncestr N --timestamp TS --url U [...]

  --ticket          the jsapi_ticket
  --app-id ID       use the cached jsapi_ticket of this saved account (fetched when needed)
  --account [APPID] the same, for the account named (the only one when APPID is left out)
  --noncestr        the nonceStr passed to wx.config
  --timestamp       the timestamp passed to wx.config, in seconds
  --url             the page URL (location.href); its #fragment is removed before signing
  --signature       the signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
  crypt: `Usage: wxdesk crypt <sign|encrypt|decrypt|wecom-url> [options]

  sign        msg_signature = sha1(sort(Token, timestamp, nonce, Encrypt))
  encrypt     WXBizMsgCrypt-encrypt a message
  decrypt     WXBizMsgCrypt-decrypt an Encrypt value
  wecom-url   WeCom (企业微信) URL check: verify msg_signature over the echostr, then decrypt it

Run "wxdesk crypt <command> --help" for the options of each.
`,
  'crypt sign': `Usage: wxdesk crypt sign --server-token T --timestamp TS --nonce N --encrypt B64 [--signature S] [--json]

  --server-token T  the Token from the message push settings; --token T is an alias
  --account [APPID] use the Token saved with the account (the only one when APPID is left
                    out); --server-token still wins
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --encrypt         the Encrypt value of the body (WeCom URL check: the URL-decoded echostr)
  --signature       the msg_signature to check; a mismatch exits 1 and explains likely causes
  --json            print the whole explanation as one JSON object
`,
  'crypt encrypt': `Usage: wxdesk crypt encrypt --aes-key K --app-id ID --message M [--random R16] [--json]
       wxdesk crypt encrypt --account [APPID] --message M [...]

  --aes-key K       the 43-character EncodingAESKey
  --app-id ID       the AppID (WeCom: the CorpID) appended to the plaintext
  --account [APPID] use the EncodingAESKey and AppID saved with the account (the only one when
                    APPID is left out); --aes-key and --app-id still win
  --message         the message to encrypt, taken byte for byte
  --random          16 ASCII characters for the random prefix (default: random), for reproducible output
  --json            print the ciphertext with its random prefix and padding as JSON
`,
  'crypt wecom-url': `Usage: wxdesk crypt wecom-url --server-token T --aes-key K --timestamp TS --nonce N --msg-signature S --echostr E [--corp-id ID] [--json]

WeCom signs its URL check like a message: msg_signature = sha1(sort(Token, timestamp, nonce, echostr)),
and the echostr is encrypted. This checks the signature, then prints the decrypted echostr: the
exact text your server must answer. A mismatch exits 1 with the likely causes, and so does an
echostr sealed for another CorpID than --corp-id.

  --server-token T  the Token of the callback settings; --token T is an alias
  --aes-key K       the 43-character EncodingAESKey
  --account [APPID] use the Token and EncodingAESKey saved with the account (flags still win)
  --timestamp       the timestamp query parameter
  --nonce           the nonce query parameter
  --msg-signature   the msg_signature query parameter
  --echostr         the echostr query parameter, URL-decoded
  --corp-id         the CorpID the echostr must carry (checked when given)
  --json            print the signature steps and the decrypted echostr as JSON
`,
  'crypt decrypt': `Usage: wxdesk crypt decrypt --aes-key K --encrypt B64 [--app-id ID] [--json]
       wxdesk crypt decrypt --account [APPID] --encrypt B64 [--json]

  --aes-key K       the 43-character EncodingAESKey
  --encrypt         the base64 Encrypt value
  --app-id ID       the AppID the message must be sealed for (checked when given): a message
                    sealed for another AppID exits 1 and names both
  --account [APPID] use the EncodingAESKey and AppID saved with the account (the only one when
                    APPID is left out); --aes-key and --app-id still win
  --json            print message, appId, random prefix and padding as JSON (byte-exact message)
`,
  },
  'zh-CN': {
  sign: `用法：wxdesk sign <server|jssdk> [选项]

  server   signature = sha1(sort(Token, timestamp, nonce))：URL 验证和每次推送
  jssdk    wx.config 的签名 = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")

运行 "wxdesk sign <命令> --help" 查看各命令的选项。
`,
  'sign server': `用法：wxdesk sign server --server-token T --timestamp TS --nonce N [--signature S] [--json]
      wxdesk sign server --account [APPID] --timestamp TS --nonce N [--signature S] [--json]

  --server-token T  消息推送（服务器配置）中的 Token；
                    --token T 是它的别名
  --account [APPID] 使用账号保存的 Token（省略 APPID 时用唯一的那个账号）；
                    同时给出 --server-token 时以它为准
  --timestamp       查询参数 timestamp
  --nonce           查询参数 nonce
  --signature       要校验的签名；不一致时退出码为 1，并解释可能的原因
  --json            以一个 JSON 对象输出完整的解释
`,
  'sign jssdk': `用法：wxdesk sign jssdk --ticket T --noncestr N --timestamp TS --url U [--signature S] [--json]
      wxdesk sign jssdk --app-id ID|--account [APPID] --noncestr N --timestamp TS --url U [...]

  --ticket          jsapi_ticket
  --app-id ID       使用这个已保存账号缓存的 jsapi_ticket（需要时获取）
  --account [APPID] 同上，用指明的账号（省略 APPID 时用唯一的那个账号）
  --noncestr        传给 wx.config 的 nonceStr
  --timestamp       传给 wx.config 的 timestamp，单位为秒
  --url             页面 URL（location.href）；签名前会去掉其中的 #片段
  --signature       要校验的签名；不一致时退出码为 1，并解释可能的原因
  --json            以一个 JSON 对象输出完整的解释
`,
  crypt: `用法：wxdesk crypt <sign|encrypt|decrypt|wecom-url> [选项]

  sign        msg_signature = sha1(sort(Token, timestamp, nonce, Encrypt))
  encrypt     用 WXBizMsgCrypt 加密一条消息
  decrypt     用 WXBizMsgCrypt 解密一个 Encrypt 值
  wecom-url   企业微信的 URL 验证：校验 echostr 的 msg_signature，再解密它

运行 "wxdesk crypt <命令> --help" 查看各命令的选项。
`,
  'crypt sign': `用法：wxdesk crypt sign --server-token T --timestamp TS --nonce N --encrypt B64 [--signature S] [--json]

  --server-token T  消息推送设置中的 Token；--token T 是它的别名
  --account [APPID] 使用账号保存的 Token（省略 APPID 时用唯一的那个账号）；
                    同时给出 --server-token 时以它为准
  --timestamp       查询参数 timestamp
  --nonce           查询参数 nonce
  --encrypt         请求体中的 Encrypt 值（企业微信 URL 验证：URL 解码后的 echostr）
  --signature       要校验的 msg_signature；不一致时退出码为 1，并解释可能的原因
  --json            以一个 JSON 对象输出完整的解释
`,
  'crypt encrypt': `用法：wxdesk crypt encrypt --aes-key K --app-id ID --message M [--random R16] [--json]
      wxdesk crypt encrypt --account [APPID] --message M [...]

  --aes-key K       43 个字符的 EncodingAESKey
  --app-id ID       附在明文末尾的 AppID（企业微信：CorpID）
  --account [APPID] 使用账号保存的 EncodingAESKey 和 AppID（省略 APPID 时用唯一的那个账号）；
                    同时给出 --aes-key 或 --app-id 时以它们为准
  --message         要加密的消息，按字节原样使用
  --random          随机前缀用的 16 个 ASCII 字符（默认随机），用于得到可复现的输出
  --json            以 JSON 输出密文及其随机前缀和填充
`,
  'crypt wecom-url': `用法：wxdesk crypt wecom-url --server-token T --aes-key K --timestamp TS --nonce N --msg-signature S --echostr E [--corp-id ID] [--json]

企业微信对 URL 验证的签名方式与消息相同：msg_signature = sha1(sort(Token, timestamp, nonce, echostr))，
且 echostr 经过加密。本命令先校验签名，再打印解密后的 echostr：也就是你的服务器必须原样返回的
文本。签名不一致时退出码为 1，并给出可能的原因；echostr 封装的 CorpID 与 --corp-id 不同时也是如此。

  --server-token T  回调配置中的 Token；--token T 是它的别名
  --aes-key K       43 个字符的 EncodingAESKey
  --account [APPID] 使用账号保存的 Token 和 EncodingAESKey（以命令行选项为准）
  --timestamp       查询参数 timestamp
  --nonce           查询参数 nonce
  --msg-signature   查询参数 msg_signature
  --echostr         查询参数 echostr，URL 解码后的值
  --corp-id         echostr 中必须带有的 CorpID（给出时校验）
  --json            以 JSON 输出签名步骤和解密后的 echostr
`,
  'crypt decrypt': `用法：wxdesk crypt decrypt --aes-key K --encrypt B64 [--app-id ID] [--json]
      wxdesk crypt decrypt --account [APPID] --encrypt B64 [--json]

  --aes-key K       43 个字符的 EncodingAESKey
  --encrypt         base64 编码的 Encrypt 值
  --app-id ID       消息必须封装的 AppID（给出时校验）：封装的是另一个 AppID 时退出码为 1，
                    并说出两者
  --account [APPID] 使用账号保存的 EncodingAESKey 和 AppID（省略 APPID 时用唯一的那个账号）；
                    同时给出 --aes-key 或 --app-id 时以它们为准
  --json            以 JSON 输出消息、appId、随机前缀和填充（消息按字节原样）
`,
  },
};
