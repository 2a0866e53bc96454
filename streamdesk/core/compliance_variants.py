"""Traditional → simplified Chinese for the characters the compliance word lists use.

No small, maintained converter is installed with StreamDesk (zhconv and OpenCC are not dependencies), and the
checker needs only the characters of its own terms: a hit needs every character of a term, so mapping the
traditional forms of those characters (and a few common variants) is enough to match 最佳 written 最佳, 療效 or
國家級. A user term with other traditional characters is matched as the user wrote it.
"""

from __future__ import annotations

_PAIRS = (
    "強强 優优 劃划 價价 級级 進进 歡欢 暢畅 銷销 實实 時时 術术 無无 頂顶 極极 國国 個个 選选 萬万 絕绝 對对 "
    "軍军 敵敌 險险 風风 療疗 癒愈 藥药 壓压 減减 壽寿 陽阳 髮发 發发 豐丰 醫医 殺杀 復复 網网 樓楼 虧亏 廠厂 "
    "錯错 過过 搶抢 沒没 僅仅 馬马 賣卖 補补 號号 線线 單单 轉转 賬账 帳账 寶宝 輪轮 場场 間间 組组 鏈链 碼码 "
    "純纯 蠶蚕 絲丝 滌涤 綸纶 獨独 氣气 穩稳 錢钱 質质 產产 嚴严 療疗 禁禁 癥症 證证 認认 號号 衛卫 議议 "
    "癮瘾 顏颜 膚肤 護护 脫脱 濕湿 潤润 緊紧 斂敛 淨净 臉脸 體体 製制 蘭兰 廣广 權权 歷历 額额 敗败 勝胜"
)

T2S: dict[str, str] = {pair[0]: pair[1] for pair in _PAIRS.split()}
