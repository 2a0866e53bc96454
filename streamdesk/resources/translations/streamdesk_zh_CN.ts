<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;StreamDesk {version}&lt;/h2&gt;&lt;p&gt;Tools for people who sell by live-streaming: catalogue, run of show, orders and review, all in one file on your computer.&lt;/p&gt;&lt;p&gt;StreamDesk is free software under the {licence} licence.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;StreamDesk {version}&lt;/h2&gt;&lt;p&gt;给直播卖货的你准备的工具：商品目录、直播流程、订单和复盘，全部存在你电脑上的一个文件里。&lt;/p&gt;&lt;p&gt;StreamDesk 是自由软件，采用 {licence} 许可证发布。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>About StreamDesk</source>
        <translation>关于 StreamDesk</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Components and their licences</source>
        <translation>组件及其许可证</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Fonts:</source>
        <translation>字体：</translation>
    </message>
    <message>
        <source>Latin: {latin}. Chinese: {chinese}.</source>
        <translation>西文：{latin}。中文：{chinese}。</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>日志文件：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>设置文件：</translation>
    </message>
    <message>
        <source>Show the data folder in your file manager</source>
        <translation>在文件管理器中打开数据文件夹</translation>
    </message>
    <message>
        <source>StreamDesk is built with these components. Qt and PySide6 are used under the LGPL version 3: you may replace these libraries in the installed folder with your own build.</source>
        <translation>StreamDesk 使用了以下组件。Qt 和 PySide6 依据 LGPL 第 3 版使用：你可以用自己编译的版本替换安装目录中的这些库。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>none found: install a Chinese font such as Noto Sans CJK to print Chinese</source>
        <translation>未找到。要打印中文，请先安装中文字体，例如思源黑体（Noto Sans CJK）</translation>
    </message>
    <message>
        <source>the system&apos;s default font</source>
        <translation>系统默认字体</translation>
    </message>
    <message>
        <source>{family} (bundled with StreamDesk)</source>
        <translation>{family}（随 StreamDesk 附带）</translation>
    </message>
    <message>
        <source>{family} (bundled with StreamDesk, {licence})</source>
        <translation>{family}（随 StreamDesk 附带，{licence}）</translation>
    </message>
    <message>
        <source>{family} (installed on this computer)</source>
        <translation>{family}（本机已安装）</translation>
    </message>
</context>
<context>
    <name>ActionsLine</name>
    <message numerus="yes">
        <source>%n done on this show</source>
        <translation>
            <numerusform>本场已完成 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n 项未完成</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions from earlier reviews:</source>
        <translation>往期复盘改进事项：</translation>
    </message>
    <message>
        <source>☐ {text} (from {show})</source>
        <translation>☐ {text}（来自 {show}）</translation>
    </message>
    <message>
        <source>☑ {text}</source>
        <translation>☑ {text}</translation>
    </message>
</context>
<context>
    <name>ActionsModel</name>
    <message>
        <source>Action for next time</source>
        <translation>下次要改进的事</translation>
    </message>
    <message>
        <source>Done {when}</source>
        <translation>已完成于 {when}</translation>
    </message>
    <message>
        <source>Raised in</source>
        <translation>提出于</translation>
    </message>
    <message>
        <source>Still open from the review of “{show}”</source>
        <translation>“{show}”复盘中提出，尚未完成</translation>
    </message>
    <message>
        <source>This review</source>
        <translation>本场复盘</translation>
    </message>
</context>
<context>
    <name>AdvicePage</name>
    <message>
        <source>&amp;1 Start times</source>
        <translation>开播时段(&amp;1)</translation>
    </message>
    <message>
        <source>&amp;2 Lengths</source>
        <translation>直播时长(&amp;2)</translation>
    </message>
    <message>
        <source>&amp;3 Products</source>
        <translation>商品(&amp;3)</translation>
    </message>
    <message>
        <source>&amp;4 Pacing</source>
        <translation>节奏(&amp;4)</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>平台(&amp;P)：</translation>
    </message>
    <message>
        <source>Add products to the rundown&apos;s segments on the Shows page; after the show, each product&apos;s sales during its pitches show here.</source>
        <translation>在“直播计划”页把商品加入流程环节；开播后，每个商品讲解期间的成交会显示在这里。</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Bring back “{what}”</source>
        <translation>恢复“{what}”</translation>
    </message>
    <message>
        <source>Dismiss “{what}”</source>
        <translation>忽略“{what}”</translation>
    </message>
    <message>
        <source>Each segment you run with the timer on the Live page tells how long that kind really takes.</source>
        <translation>在“直播”页用计时器跑过的每个环节，都会告诉你这类环节实际要多久。</translation>
    </message>
    <message>
        <source>Each show you take live with the timer on the Live page adds a row here, with its orders and the live data you import on the Review page.</source>
        <translation>在“直播”页用计时器开播的每一场都会在这里加一行，连同它的订单和你在“复盘”页导入的直播数据。</translation>
    </message>
    <message>
        <source>From {n} streamed shows; start hours in {zone}. Worked out {when}.</source>
        <translation>依据 {n} 场已开播的直播；开播时间按 {zone} 计。计算于 {when}。</translation>
    </message>
    <message>
        <source>Make “{title}” a {role} product</source>
        <translation>把“{title}”定为{role}</translation>
    </message>
    <message>
        <source>No product has been pitched in a streamed show yet</source>
        <translation>还没有商品在已开播的直播中讲解过</translation>
    </message>
    <message>
        <source>No segment has run with the live timer yet</source>
        <translation>还没有环节用直播计时器跑过</translation>
    </message>
    <message>
        <source>No streamed shows yet</source>
        <translation>还没有已开播的直播</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Work the advice out again</source>
        <translation>重新计算建议</translation>
    </message>
    <message>
        <source>Working out the advice from your shows…</source>
        <translation>正在根据你的直播计算建议…</translation>
    </message>
    <message>
        <source>this computer&apos;s time zone</source>
        <translation>本机时区</translation>
    </message>
</context>
<context>
    <name>AdviceTables</name>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Actual ÷ planned</source>
        <translation>实际 ÷ 计划</translation>
    </message>
    <message>
        <source>Avg. watch time</source>
        <translation>平均观看时长</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>GMV per 1,000 views, the mean over the shows with views</source>
        <translation>每千次观看成交额，取有观看数据场次的平均值</translation>
    </message>
    <message>
        <source>GMV per hour</source>
        <translation>每小时成交额</translation>
    </message>
    <message>
        <source>GMV per pitch min</source>
        <translation>讲解每分钟成交额</translation>
    </message>
    <message>
        <source>GPM</source>
        <translation>千次观看成交额</translation>
    </message>
    <message>
        <source>How many shows the stock lasts at the units it sells per show</source>
        <translation>按每场卖出的件数，库存还够卖几场</translation>
    </message>
    <message>
        <source>Its past-sales part of the catalogue&apos;s selection score, 0 to 100</source>
        <translation>选品评分中的“历史销售”部分，0 到 100</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Orders of the product during its pitches ÷ views during those pitches</source>
        <translation>讲解期间该商品的订单数 ÷ 讲解期间的观看次数</translation>
    </message>
    <message>
        <source>Orders per show</source>
        <translation>每场订单数</translation>
    </message>
    <message>
        <source>Pitch min</source>
        <translation>讲解分钟</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Role now</source>
        <translation>当前定位</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Segment kind</source>
        <translation>环节类型</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>环节数</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>场次</translation>
    </message>
    <message>
        <source>Sold in pitches</source>
        <translation>讲解出单</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开播</translation>
    </message>
    <message>
        <source>Stock cover</source>
        <translation>库存可卖场次</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议定位</translation>
    </message>
    <message>
        <source>The middle (median) length it really ran</source>
        <translation>实际时长的中位数</translation>
    </message>
    <message>
        <source>The middle (median) planned length</source>
        <translation>计划时长的中位数</translation>
    </message>
</context>
<context>
    <name>AfterSalesView</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个工单</numerusform>
        </translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Choose another status or search for something else.</source>
        <translation>换一个状态，或搜索其他内容。</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Close the case. A closed case is final; only Undo right after closing takes it back.</source>
        <translation>关闭工单。关闭后即为最终状态，只能在关闭后立即撤销。</translation>
    </message>
    <message>
        <source>Edit the selected case</source>
        <translation>编辑选中的工单</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>标记为已解决</translation>
    </message>
    <message>
        <source>Mark the case resolved</source>
        <translation>将工单标记为已解决</translation>
    </message>
    <message>
        <source>Move the case from open to in progress</source>
        <translation>将工单从待处理改为处理中</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>No after-sales cases yet</source>
        <translation>还没有售后工单</translation>
    </message>
    <message>
        <source>No case matches</source>
        <translation>没有匹配的工单</translation>
    </message>
    <message>
        <source>Open a case when a customer asks, complains, suggests or sends something back.</source>
        <translation>客户咨询、投诉、提建议或退回商品时，在这里新建工单。</translation>
    </message>
    <message>
        <source>Open an after-sales case</source>
        <translation>新建售后工单</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>打开订单</translation>
    </message>
    <message>
        <source>Opened case {number} ({kind}).</source>
        <translation>已新建工单 {number}（{kind}）。</translation>
    </message>
    <message>
        <source>Search order number, customer or summary</source>
        <translation>搜索订单号、客户或概要</translation>
    </message>
    <message>
        <source>Show the case&apos;s order on the Orders tab</source>
        <translation>在订单标签页中显示该工单的订单</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Back up &amp;to…</source>
        <translation>备份到(&amp;T)…</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Only a database file on this computer can be backed up or restored here.</source>
        <translation>只有这台电脑上的数据库文件才能在这里备份或恢复。</translation>
    </message>
    <message>
        <source>Opening a copy of {name} in a second window…</source>
        <translation>正在第二个窗口中打开 {name} 的副本…</translation>
    </message>
    <message>
        <source>Reading the backup {name}…</source>
        <translation>正在读取备份 {name}…</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>StreamDesk backups (*.streamdesk *.sqlite3);;All files (*)</source>
        <translation>StreamDesk 备份 (*.streamdesk *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>StreamDesk backups (*.streamdesk)</source>
        <translation>StreamDesk 备份 (*.streamdesk)</translation>
    </message>
    <message>
        <source>StreamDesk could not be started.</source>
        <translation>无法启动 StreamDesk。</translation>
    </message>
    <message>
        <source>The copy could not be opened</source>
        <translation>无法打开副本</translation>
    </message>
    <message>
        <source>This backup cannot be opened</source>
        <translation>无法打开这个备份</translation>
    </message>
</context>
<context>
    <name>BackupOpenDialog</name>
    <message>
        <source>&amp;Open a copy to look around</source>
        <translation>打开副本看看(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restore this backup</source>
        <translation>恢复这个备份(&amp;R)</translation>
    </message>
    <message>
        <source>A second window on a copy of this backup; changes there are not kept</source>
        <translation>在第二个窗口中打开这个备份的副本；在那里做的修改不会保存</translation>
    </message>
    <message>
        <source>An earlier StreamDesk made this backup: it is upgraded when it is opened (the file itself is not changed).</source>
        <translation>这个备份由较早版本的 StreamDesk 生成：打开时会升级（备份文件本身不会改动）。</translation>
    </message>
    <message>
        <source>Backup &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>备份 &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>File saved:</source>
        <translation>文件保存时间：</translation>
    </message>
    <message>
        <source>Latest change in it:</source>
        <translation>其中最近的修改：</translation>
    </message>
    <message>
        <source>Open a backup</source>
        <translation>打开备份</translation>
    </message>
    <message>
        <source>Orders:</source>
        <translation>订单：</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>商品：</translation>
    </message>
    <message>
        <source>Replace the data in use with this backup and restart StreamDesk</source>
        <translation>用这个备份替换当前数据，并重新启动 StreamDesk</translation>
    </message>
    <message>
        <source>Restoring replaces the data StreamDesk uses now ({database}) with this backup. The data in use is kept in the backups folder first, so you can go back. StreamDesk restarts on the restored data.</source>
        <translation>恢复会用这个备份替换 StreamDesk 当前使用的数据（{database}）。当前数据会先保存在备份文件夹里，需要时可以再换回来。恢复后 StreamDesk 会在恢复的数据上重新启动。</translation>
    </message>
    <message>
        <source>Shows:</source>
        <translation>直播场次：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>BulkLivePriceDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) have no list price and stay as they are.</source>
        <translation>
            <numerusform>%n 个 SKU 没有售价，保持不变。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SKU(s) have no price to change and stay as they are.</source>
        <translation>
            <numerusform>%n 个 SKU 没有可调整的价格，保持不变。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SKU(s) will get a new live price.</source>
        <translation>
            <numerusform>%n 个 SKU 将改用新的直播价。</numerusform>
        </translation>
    </message>
    <message>
        <source>Change prices</source>
        <translation>修改价格</translation>
    </message>
    <message numerus="yes">
        <source>Live price for %n SKU(s)</source>
        <translation>
            <numerusform>设置 %n 个 SKU 的直播价</numerusform>
        </translation>
    </message>
    <message>
        <source>Live price now</source>
        <translation>当前直播价</translation>
    </message>
    <message>
        <source>New live price</source>
        <translation>新直播价</translation>
    </message>
    <message>
        <source>Raise or lower the current live price by an amount</source>
        <translation>在当前直播价上加减一个金额</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Set it to a percent of the list price</source>
        <translation>设为售价的百分比</translation>
    </message>
    <message>
        <source>Set the live price to an amount</source>
        <translation>把直播价设为固定金额</translation>
    </message>
</context>
<context>
    <name>BusinessPage</name>
    <message>
        <source>&amp;Business name:</source>
        <translation>店铺名称(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Ship-from address:</source>
        <translation>发货地址(&amp;S)：</translation>
    </message>
    <message>
        <source>Name, phone and full address for courier labels</source>
        <translation>寄件人姓名、电话和完整地址，用于快递面单</translation>
    </message>
    <message>
        <source>Shown on posters and packing slips</source>
        <translation>显示在海报和发货单上</translation>
    </message>
    <message>
        <source>Used on posters, packing slips and courier labels. Both may stay empty for now.</source>
        <translation>用于海报、发货单和快递面单。两项都可以暂时留空。</translation>
    </message>
    <message>
        <source>Your business</source>
        <translation>你的店铺</translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message numerus="yes">
        <source>%n buyer(s) so far</source>
        <translation>
            <numerusform>已有 %n 人下单</numerusform>
        </translation>
    </message>
    <message>
        <source>Buyers waiting for the chosen product, first come first served</source>
        <translation>所选商品的候补买家，先到先得</translation>
    </message>
    <message>
        <source>Choose a product first: click it or press its number.</source>
        <translation>请先选商品：点击它，或按它的序号键。</translation>
    </message>
    <message>
        <source>Choose that product for a sale</source>
        <translation>选中对应序号的商品来登记</translation>
    </message>
    <message>
        <source>Draw winners among this show&apos;s buyers or names you type</source>
        <translation>从本场买家或你输入的名字中抽出中奖者</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Lucky draw…</source>
        <translation>抽奖…</translation>
    </message>
    <message>
        <source>Previous or next product</source>
        <translation>上一个或下一个商品</translation>
    </message>
    <message>
        <source>Rehearsal: sales, waitlists and lucky draws are off. A rehearsal changes nothing.</source>
        <translation>彩排中：登记下单、候补和抽奖都已关闭。彩排不会改动任何数据。</translation>
    </message>
    <message>
        <source>Sell to the buyer typed</source>
        <translation>卖给输入的买家</translation>
    </message>
    <message>
        <source>Sold again: {sale}.</source>
        <translation>已重新登记：{sale}。</translation>
    </message>
    <message>
        <source>Sold {quantity} × {product} to {buyer} · {order_no} · {left}</source>
        <translation>已登记 {quantity} × {product} 给 {buyer} · {order_no} · {left}</translation>
    </message>
    <message>
        <source>Take back the last sale: its order is deleted and the stock returns (Ctrl+Z)</source>
        <translation>撤回上一笔登记：删除该订单，库存退回（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Type the buyer&apos;s nickname first.</source>
        <translation>请先输入买家昵称。</translation>
    </message>
    <message>
        <source>Undo sale</source>
        <translation>撤销登记</translation>
    </message>
    <message>
        <source>Undo the last sale</source>
        <translation>撤销上一笔登记</translation>
    </message>
    <message>
        <source>Undone: {sale}.</source>
        <translation>已撤销：{sale}。</translation>
    </message>
    <message>
        <source>Waitlist…</source>
        <translation>候补名单…</translation>
    </message>
    <message>
        <source>{buyer} is on the waitlist.</source>
        <translation>{buyer} 已加入候补名单。</translation>
    </message>
    <message>
        <source>{count} left</source>
        <translation>剩 {count} 件</translation>
    </message>
    <message>
        <source>{count} on backorder</source>
        <translation>超卖 {count} 件待补货</translation>
    </message>
    <message>
        <source>↑ / ↓ in the buyer field</source>
        <translation>买家输入框中按 ↑ / ↓</translation>
    </message>
</context>
<context>
    <name>CaptureProductsModel</name>
    <message>
        <source>Buyers on the waitlist</source>
        <translation>候补名单上的买家</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Live price (list price when there is none)</source>
        <translation>直播价（没有直播价时为标价）</translation>
    </message>
    <message>
        <source>Press this number to sell the product</source>
        <translation>按这个数字键卖这件商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
    <message>
        <source>Stock still available</source>
        <translation>还能卖的库存</translation>
    </message>
    <message>
        <source>This SKU is archived: it is no longer sold.</source>
        <translation>此 SKU 已归档，不再销售。</translation>
    </message>
    <message>
        <source>Units sold in this show</source>
        <translation>本场已售件数</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
</context>
<context>
    <name>CarriedActions</name>
    <message numerus="yes">
        <source>Actions from earlier reviews (%n open)</source>
        <translation>
            <numerusform>往期复盘改进事项（%n 项未完成）</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions from earlier reviews: all done</source>
        <translation>往期复盘改进事项：已全部完成</translation>
    </message>
    <message>
        <source>Open “{text}” again</source>
        <translation>重新打开“{text}”</translation>
    </message>
    <message>
        <source>Tick it off once it is taken care of for this show; Ctrl+Z opens it again.</source>
        <translation>这场已经处理好就勾选；按 Ctrl+Z 可重新打开。</translation>
    </message>
    <message>
        <source>Tick off “{text}”</source>
        <translation>勾选完成“{text}”</translation>
    </message>
    <message>
        <source>{text} (from {show})</source>
        <translation>{text}（来自 {show}）</translation>
    </message>
</context>
<context>
    <name>CaseCommands</name>
    <message>
        <source>Case {number}: {status}</source>
        <translation>工单 {number}：{status}</translation>
    </message>
    <message>
        <source>Edit case {number}</source>
        <translation>编辑工单 {number}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>Case {number} · {kind}</source>
        <translation>工单 {number} · {kind}</translation>
    </message>
    <message>
        <source>Choose a case to see its order, the units it took back and its notes.</source>
        <translation>选择一个工单，查看其订单、退回商品和备注。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order line {id}</source>
        <translation>订单行 {id}</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation>退回商品</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{item} × {quantity}, back in stock</source>
        <translation>{item} × {quantity}，已回库存</translation>
    </message>
    <message>
        <source>{item} × {quantity}, not restocked</source>
        <translation>{item} × {quantity}，未回库存</translation>
    </message>
    <message>
        <source>{refund} (the order: paid {paid}, refunded {refunded} in all)</source>
        <translation>{refund}（该订单实付 {paid}，累计退款 {refunded}）</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>订单(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Refund:</source>
        <translation>退款(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>概要(&amp;S)：</translation>
    </message>
    <message>
        <source>A refund cannot be negative.</source>
        <translation>退款金额不能为负数。</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>客户(&amp;U)：</translation>
    </message>
    <message>
        <source>Customer &amp;feedback:</source>
        <translation>客户反馈(&amp;F)：</translation>
    </message>
    <message>
        <source>Edit after-sales case</source>
        <translation>编辑售后工单</translation>
    </message>
    <message>
        <source>New after-sales case</source>
        <translation>新建售后工单</translation>
    </message>
    <message>
        <source>Nickname, name or phone, then Enter</source>
        <translation>输入昵称、姓名或电话，按回车</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>无客户</translation>
    </message>
    <message>
        <source>No customer on this order</source>
        <translation>这笔订单没有关联客户</translation>
    </message>
    <message>
        <source>No order</source>
        <translation>不关联订单</translation>
    </message>
    <message>
        <source>One line: what the customer wants</source>
        <translation>一句话说明客户的诉求</translation>
    </message>
    <message>
        <source>Order number or buyer, then Enter</source>
        <translation>输入订单号或买家，按回车</translation>
    </message>
    <message>
        <source>The customer&apos;s own words about how it was handled</source>
        <translation>客户对处理结果的原话评价</translation>
    </message>
    <message>
        <source>The units a case took back stay as they were when it was opened.</source>
        <translation>工单退回的商品数量在创建后不再修改。</translation>
    </message>
    <message>
        <source>Type how many units of each line come back. Restock puts them back in stock, recorded as a return in the stock history.</source>
        <translation>填写每一行退回的数量。勾选“回库存”会把商品放回库存，并在库存记录中记为退货入库。</translation>
    </message>
    <message>
        <source>What was agreed, courier numbers, who handles it…</source>
        <translation>处理约定、快递单号、负责人…</translation>
    </message>
    <message>
        <source>{order_no} · {buyer} · {amount} · {date}</source>
        <translation>{order_no} · {buyer} · {amount} · {date}</translation>
    </message>
</context>
<context>
    <name>CaseLinesModel</name>
    <message>
        <source>Bought</source>
        <translation>购买数量</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Put the units back in stock (recorded as a return in the stock history).</source>
        <translation>将商品放回库存（在库存记录中记为退货入库）。</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>回库存</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>退回数量</translation>
    </message>
    <message>
        <source>This line is not matched to a SKU, so there is no stock to put it back on.</source>
        <translation>这一行没有匹配到 SKU，无法放回库存。</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message numerus="yes">
        <source>Up to %n unit(s) can come back.</source>
        <translation>
            <numerusform>最多可退回 %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <source>no SKU</source>
        <translation>未匹配 SKU</translation>
    </message>
</context>
<context>
    <name>CasesModel</name>
    <message>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>CatalogueActions</name>
    <message>
        <source>Add a product and its SKUs</source>
        <translation>新增商品及其 SKU</translation>
    </message>
    <message>
        <source>Add or remove stock with a reason</source>
        <translation>按原因增减库存</translation>
    </message>
    <message>
        <source>Add or update products from a CSV or Excel file</source>
        <translation>从 CSV 或 Excel 文件新增或更新商品</translation>
    </message>
    <message>
        <source>Adjust stock…</source>
        <translation>调整库存…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Bring archived products back</source>
        <translation>恢复已归档的商品</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Copy the selected product</source>
        <translation>复制所选商品</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Edit the selected product</source>
        <translation>编辑所选商品</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Every stock move of the selected SKU</source>
        <translation>所选 SKU 的全部库存变动</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Hide the selected products from the catalogue (undoable)</source>
        <translation>从商品目录中隐藏所选商品（可撤销）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Live price…</source>
        <translation>直播价…</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Save the products shown to a CSV or Excel file</source>
        <translation>把当前显示的商品保存为 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>Set the live price of the selected SKUs</source>
        <translation>设置所选 SKU 的直播价</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>Stock history</source>
        <translation>库存记录</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>CatalogueCommands</name>
    <message numerus="yes">
        <source>Adjust the stock of %n SKU(s)</source>
        <translation>
            <numerusform>调整 %n 个 SKU 的库存</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive %n product(s)</source>
        <translation>
            <numerusform>归档 %n 个商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the live price of %n SKU(s)</source>
        <translation>
            <numerusform>修改 %n 个 SKU 的直播价</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n product(s)</source>
        <translation>
            <numerusform>恢复 %n 个商品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>A bundle: complete sets its components make ({count})</source>
        <translation>组合装：按组件库存可凑成的完整套数（{count}）</translation>
    </message>
    <message>
        <source>Barcode: {barcode}</source>
        <translation>条码：{barcode}</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Giveaway</source>
        <translation>福利款</translation>
    </message>
    <message>
        <source>Hero product</source>
        <translation>主推款</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Live price (or list price when there is none) minus cost</source>
        <translation>直播价（没有直播价时用售价）减去成本</translation>
    </message>
    <message>
        <source>Low stock: {count} on hand, alert at {threshold}</source>
        <translation>库存不足：现有 {count}，预警线 {threshold}</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Margin {part} × weight {weight}: margin % ÷ 60, at most 1</source>
        <translation>毛利 {part} × 权重 {weight}：毛利率 ÷ 60，最高为 1</translation>
    </message>
    <message>
        <source>Past sales {part} × weight {weight}: from your streamed shows, 0.7 × GMV per minute of pitch ÷ the best product&apos;s + 0.3 × conversion when pitched ÷ the best; 0 until the product has been pitched</source>
        <translation>历史销量 {part} × 权重 {weight}：来自已开播的直播，0.7 × 每分钟讲解成交额 ÷ 最佳商品的 + 0.3 × 讲解时转化率 ÷ 最佳值；商品被讲解过之前为 0</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Profit maker</source>
        <translation>利润款</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>选品评分</translation>
    </message>
    <message>
        <source>Score = 100 × (sum of part × weight) ÷ {total}, the sum of the weights</source>
        <translation>评分 = 100 × （各项 × 权重之和）÷ {total}（权重之和）</translation>
    </message>
    <message>
        <source>Selection score from 0 to 100; point at a score to see its parts</source>
        <translation>选品评分，0 到 100；把鼠标移到评分上可查看各项构成</translation>
    </message>
    <message>
        <source>Selection score {score} of 100</source>
        <translation>选品评分 {score}（满分 100）</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock cover {part} × weight {weight}: stock ÷ (3 × low-stock alert, at least 10), at most 1</source>
        <translation>库存充足度 {part} × 权重 {weight}：库存 ÷（3 × 库存预警，至少 10），最高为 1</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Tags {part} × weight {weight}: 1 when tagged {tags}</source>
        <translation>标签 {part} × 权重 {weight}：带有 {tags} 标签时为 1</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>标签：{tags}</translation>
    </message>
    <message>
        <source>Traffic driver</source>
        <translation>引流款</translation>
    </message>
    <message>
        <source>Units on hand; red at or below the SKU&apos;s low-stock alert</source>
        <translation>现有库存；不高于该 SKU 的库存预警时显示为红色</translation>
    </message>
    <message>
        <source>{title} (archived)</source>
        <translation>{title}（已归档）</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message numerus="yes">
        <source>%n SKU(s)</source>
        <translation>
            <numerusform>共 %n 个 SKU</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a product (Ctrl+N) or import a spreadsheet (Ctrl+I) to start your catalogue.</source>
        <translation>新建一个商品（Ctrl+N）或导入表格（Ctrl+I），开始建立你的商品目录。</translation>
    </message>
    <message>
        <source>Check the spelling, or search for part of a title, SKU, barcode or tag.</source>
        <translation>请检查拼写，或只输入标题、SKU、条码或标签的一部分再搜索。</translation>
    </message>
    <message>
        <source>Choose other filters, or clear them to see the whole catalogue.</source>
        <translation>换个筛选条件，或清除筛选查看全部商品。</translation>
    </message>
    <message>
        <source>Every product is archived</source>
        <translation>所有商品都已归档</translation>
    </message>
    <message>
        <source>No products match these filters</source>
        <translation>没有符合筛选条件的商品</translation>
    </message>
    <message>
        <source>No products match “{text}”</source>
        <translation>没有与“{text}”匹配的商品</translation>
    </message>
    <message>
        <source>No products yet</source>
        <translation>还没有商品</translation>
    </message>
    <message>
        <source>Show archived products to restore some, or add a new one.</source>
        <translation>显示已归档的商品以恢复其中一些，或新建一个商品。</translation>
    </message>
    <message>
        <source>StreamDesk catalogue — {database}</source>
        <translation>StreamDesk 商品目录 — {database}</translation>
    </message>
    <message>
        <source>{shown} of {total} loaded; scroll for more</source>
        <translation>已加载 {shown} / {total}，向下滚动加载更多</translation>
    </message>
</context>
<context>
    <name>CheckDelegate</name>
    <message>
        <source>critical</source>
        <translation>关键</translation>
    </message>
</context>
<context>
    <name>ChooseFilePage</name>
    <message>
        <source>Choose a CSV or Excel (.xlsx) file with one row per SKU, such as an export from your shop&apos;s back office. You will match its columns and see every row checked before anything is saved.</source>
        <translation>请选择一个每行一个 SKU 的 CSV 或 Excel（.xlsx）文件，例如从店铺后台导出的商品表。保存之前，你会先对应各列，并看到每一行的检查结果。</translation>
    </message>
    <message>
        <source>Choose an order export from your shop: 抖店, 快手小店, 视频号小店, 淘宝/千牛, Shopify, TikTok Shop, Whatnot or Etsy (CSV, Excel or Unicode text), or any other order spreadsheet. StreamDesk recognises the format and the text encoding, and shows every order before anything is saved.</source>
        <translation>选择店铺后台导出的订单文件：抖店、快手小店、视频号小店、淘宝/千牛、Shopify、TikTok Shop、Whatnot 或 Etsy（CSV、Excel 或 Unicode 文本），也可以是其他订单表格。StreamDesk 会自动识别格式和文字编码，保存前先列出每一笔订单供你核对。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Step 1 of 3: choose a file</source>
        <translation>第 1 步（共 3 步）：选择文件</translation>
    </message>
</context>
<context>
    <name>ClockEdit</name>
    <message>
        <source>HH:MM</source>
        <translation>时:分</translation>
    </message>
    <message>
        <source>Local time, e.g. 20:00; leave empty for no fixed start. Up/Down ±5 min.</source>
        <translation>本地时间，如 20:00；留空表示不定点。上/下键 ±5 分钟。</translation>
    </message>
</context>
<context>
    <name>ComplianceTexts</name>
    <message>
        <source>A warning only: you can still save.</source>
        <translation>仅为提示，仍可保存。</translation>
    </message>
    <message>
        <source>Absolute or superlative claim</source>
        <translation>绝对化用语（最高级）</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>Instead: {suggestion}</source>
        <translation>建议改为：{suggestion}</translation>
    </message>
    <message>
        <source>Invented scarcity or urgency</source>
        <translation>虚构稀缺或催单</translation>
    </message>
    <message>
        <source>Medical or efficacy claim</source>
        <translation>医疗或功效宣称</translation>
    </message>
    <message>
        <source>Platform-sensitive wording</source>
        <translation>平台敏感用语</translation>
    </message>
    <message>
        <source>Price claim</source>
        <translation>价格宣传</translation>
    </message>
    <message>
        <source>Product “{title}”, {field}, line {line}</source>
        <translation>商品“{title}”的{field}，第 {line} 行</translation>
    </message>
    <message>
        <source>Segment “{title}”, {field}, line {line}</source>
        <translation>环节“{title}”的{field}，第 {line} 行</translation>
    </message>
    <message>
        <source>The show&apos;s {field}, line {line}</source>
        <translation>本场直播的{field}，第 {line} 行</translation>
    </message>
    <message>
        <source>description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>promotion cue</source>
        <translation>促销提示</translation>
    </message>
    <message>
        <source>selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <source>talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <source>{words} · {category}: {reason}</source>
        <translation>{words} · {category}：{reason}</translation>
    </message>
    <message>
        <source>{words} · {category}: {reason} Instead: {suggestion}</source>
        <translation>{words} · {category}：{reason}建议改为：{suggestion}</translation>
    </message>
    <message>
        <source>“{written}” ({term})</source>
        <translation>“{written}”（{term}）</translation>
    </message>
</context>
<context>
    <name>ComplianceWarning</name>
    <message numerus="yes">
        <source>…and %n more risky wording(s).</source>
        <translation>
            <numerusform>……还有 %n 处违规用语。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CostInputsBox</name>
    <message>
        <source>Blank uses the default from Settings: {amount} per shipped order.</source>
        <translation>留空则用设置中的默认值：每个发货订单 {amount}。</translation>
    </message>
    <message>
        <source>Blank uses the default from Settings: {value} %.</source>
        <translation>留空则用设置中的默认值：{value}%。</translation>
    </message>
    <message>
        <source>Costs for gross profit</source>
        <translation>毛利计算的成本</translation>
    </message>
    <message>
        <source>Giveaways:</source>
        <translation>福袋/赠品：</translation>
    </message>
    <message>
        <source>Platform fee (%):</source>
        <translation>平台扣点（%）：</translation>
    </message>
    <message>
        <source>Prizes, samples and gifts given away during the show; blank is none.</source>
        <translation>直播中送出的奖品、样品和赠品；留空表示没有。</translation>
    </message>
    <message>
        <source>Shipping per parcel cannot be negative.</source>
        <translation>每单运费不能是负数。</translation>
    </message>
    <message>
        <source>Shipping per parcel:</source>
        <translation>每单运费：</translation>
    </message>
    <message>
        <source>Show budget:</source>
        <translation>本场预算：</translation>
    </message>
    <message>
        <source>The giveaways cannot cost a negative amount.</source>
        <translation>福袋/赠品的成本不能是负数。</translation>
    </message>
    <message>
        <source>The platform fee “{text}” is not a percentage from 0 to 100. Type it like 5 or 5.5.</source>
        <translation>平台扣点“{text}”不是 0 到 100 之间的百分比，请填写 5 或 5.5 这样的数字。</translation>
    </message>
    <message>
        <source>This show&apos;s own fee; clear it to use the default {value} %.</source>
        <translation>这是本场单独设置的扣点；清空则使用默认的 {value}%。</translation>
    </message>
    <message>
        <source>none planned (ROI needs a budget on the show&apos;s plan)</source>
        <translation>未做预算（ROI 需要在直播计划中填写预算）</translation>
    </message>
    <message>
        <source>{value} (default)</source>
        <translation>{value}（默认）</translation>
    </message>
</context>
<context>
    <name>CountsDialog</name>
    <message numerus="yes">
        <source>%n row(s) cannot be used and will be left out:</source>
        <translation>
            <numerusform>%n 行无法使用，将被跳过：</numerusform>
        </translation>
    </message>
    <message>
        <source>Booking counts file</source>
        <translation>预约人数文件</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file with a channel column and a bookings column (渠道, 预约人数). Channels are matched by your name for them or by the channel&apos;s name. Nothing is saved until you import.</source>
        <translation>选择一个含“渠道”和“预约人数”两列的 CSV 或 Excel 文件。渠道按你起的名称或渠道名称匹配。点“导入”之前不会保存任何数据。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Every count in this file is already entered; importing changes nothing.</source>
        <translation>文件中的人数都已录入，导入不会改变任何数据。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import booking counts</source>
        <translation>导入预约人数</translation>
    </message>
    <message numerus="yes">
        <source>Importing changes %n booking count(s). You can undo it (Ctrl+Z).</source>
        <translation>
            <numerusform>导入将更新 %n 个渠道的预约人数，可以撤销（Ctrl+Z）。</numerusform>
        </translation>
    </message>
    <message>
        <source>New</source>
        <translation>导入后</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>No row of this file matches a booking link of the show.</source>
        <translation>文件中没有任何一行能对应到本场直播的预约链接。</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CustomerCommands</name>
    <message>
        <source>Edit customer {nickname}</source>
        <translation>编辑客户 {nickname}</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message numerus="yes">
        <source>%n order(s), lifetime value {amount}</source>
        <translation>
            <numerusform>%n 笔订单，累计消费 {amount}</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Order history&lt;/b&gt;</source>
        <translation>&lt;b&gt;历史订单&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Addresses:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>First {first}, last {last}</source>
        <translation>首次 {first}，最近 {last}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>No address yet</source>
        <translation>暂无地址</translation>
    </message>
    <message>
        <source>No tags</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Open order</source>
        <translation>打开订单</translation>
    </message>
    <message>
        <source>Orders:</source>
        <translation>订单：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Other tags:</source>
        <translation>其他标签(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Customer {nickname}</source>
        <translation>客户 {nickname}</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <source>Privacy mode is on: the name and phone are hidden until you tick this.</source>
        <translation>隐私模式已开启：勾选后才显示姓名和电话。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Sizes, preferences, what they asked about…</source>
        <translation>尺码、偏好、咨询过的问题…</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>The platform&apos;s export masked the name or phone (with *). Type the real one if you have it.</source>
        <translation>平台导出的姓名或电话已打码（带 *）。如果知道真实信息，可以在这里填写。</translation>
    </message>
    <message>
        <source>Your own tags, separated by commas</source>
        <translation>自定义标签，用逗号分隔</translation>
    </message>
</context>
<context>
    <name>CustomerOrdersModel</name>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <source>First order</source>
        <translation>首次下单</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>The platform&apos;s export masked this value.</source>
        <translation>平台导出的数据已对此项打码。</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <source>%n buyer(s) · {new} new · {returning} returning</source>
        <translation>
            <numerusform>%n 位买家 · {new} 位新客 · {returning} 位回头客</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a customer to see their orders, addresses and notes.</source>
        <translation>选择一位客户，查看其订单、地址和备注。</translation>
    </message>
    <message>
        <source>Choose a show…</source>
        <translation>选择一场直播…</translation>
    </message>
    <message>
        <source>Customers appear here when orders are imported or sales are taken live.</source>
        <translation>导入订单或在直播中登记成交后，客户会出现在这里。</translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation>编辑客户…</translation>
    </message>
    <message>
        <source>New and returning buyers of this show</source>
        <translation>这场直播的新客与回头客</translation>
    </message>
    <message>
        <source>New and returning buyers per show</source>
        <translation>按直播场次查看新客与回头客</translation>
    </message>
    <message>
        <source>No customer matches</source>
        <translation>没有匹配的客户</translation>
    </message>
    <message>
        <source>No customers yet</source>
        <translation>还没有客户</translation>
    </message>
    <message>
        <source>Search nickname, name or phone</source>
        <translation>搜索昵称、姓名或电话</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播场次</translation>
    </message>
    <message>
        <source>Showing the first {count} customers. Search to find the others.</source>
        <translation>仅显示前 {count} 位客户，请搜索查找其他客户。</translation>
    </message>
    <message>
        <source>Try part of the nickname, the name or the phone number.</source>
        <translation>试试输入昵称、姓名或电话号码的一部分。</translation>
    </message>
    <message>
        <source>{date} · {title}</source>
        <translation>{date} · {title}</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>#{number} {kind}: {summary}</source>
        <translation>#{number} {kind}：{summary}</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（已超时）</translation>
    </message>
    <message>
        <source>(the platform says “{status}”)</source>
        <translation>（平台状态：“{status}”）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>After-sales cases</source>
        <translation>售后单</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Buyer and delivery</source>
        <translation>买家与收货</translation>
    </message>
    <message>
        <source>Buyer&apos;s note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Choose an order to see its lines, buyer, shipments and notes.</source>
        <translation>选择一个订单，查看商品明细、买家、物流和备注。</translation>
    </message>
    <message>
        <source>Completed: {time}</source>
        <translation>完成：{time}</translation>
    </message>
    <message>
        <source>Discount: {amount}</source>
        <translation>优惠：{amount}</translation>
    </message>
    <message>
        <source>Goods: {amount}</source>
        <translation>商品金额：{amount}</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>商品明细</translation>
    </message>
    <message>
        <source>No after-sales cases.</source>
        <translation>没有售后单。</translation>
    </message>
    <message>
        <source>Not shipped yet.</source>
        <translation>尚未发货。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Paid: {amount}</source>
        <translation>实付：{amount}</translation>
    </message>
    <message>
        <source>Paid: {time}</source>
        <translation>付款：{time}</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Placed: {time}</source>
        <translation>下单：{time}</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Refunded: {amount}</source>
        <translation>已退款：{amount}</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Save the seller note (Ctrl+S); undo with Ctrl+Z</source>
        <translation>保存商家备注（Ctrl+S）；可用 Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Seller note</source>
        <translation>商家备注</translation>
    </message>
    <message>
        <source>Ship by: {time}</source>
        <translation>最晚发货：{time}</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Shipped: {time}</source>
        <translation>发货：{time}</translation>
    </message>
    <message>
        <source>Shipping: {amount}</source>
        <translation>运费：{amount}</translation>
    </message>
    <message>
        <source>The platform&apos;s export masked some of these details (with *).</source>
        <translation>平台导出时已将部分信息打码（带 *）。</translation>
    </message>
    <message>
        <source>Times and money</source>
        <translation>时间与金额</translation>
    </message>
    <message>
        <source>Your own note about this order (the buyer does not see it)</source>
        <translation>您对这个订单的备注（买家看不到）</translation>
    </message>
    <message>
        <source>refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <source>{courier} {tracking_no}, shipped {time}</source>
        <translation>{courier} {tracking_no}，{time} 发货</translation>
    </message>
    <message>
        <source>⚑ needs review</source>
        <translation>⚑ 待核对</translation>
    </message>
</context>
<context>
    <name>DialogFlows</name>
    <message numerus="yes">
        <source>%n product(s) archived. Press Ctrl+Z to undo.</source>
        <translation>
            <numerusform>已归档 %n 个商品。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) restored. Press Ctrl+Z to undo.</source>
        <translation>
            <numerusform>已恢复 %n 个商品。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Bundles are left out: their stock follows their components.</source>
        <translation>组合装已跳过：它们的库存由组件决定。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>导出商品</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n SKU(s) to {path}.</source>
        <translation>
            <numerusform>已将 %n 个 SKU 导出到 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>正在导出到 {name}…</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <source>Amy
Ben
…</source>
        <translation>小美
阿强
…</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>开始抽奖</translation>
    </message>
    <message numerus="yes">
        <source>Drawn for {prize} from %n entrant(s):</source>
        <translation>
            <numerusform>{prize}，从 %n 人中抽出：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drawn from %n entrant(s):</source>
        <translation>
            <numerusform>从 %n 人中抽出：</numerusform>
        </translation>
    </message>
    <message>
        <source>Draws of this show:</source>
        <translation>本场的抽奖记录：</translation>
    </message>
    <message>
        <source>Lucky draw</source>
        <translation>抽奖</translation>
    </message>
    <message>
        <source>Names I type (one per line, e.g. from the comments)</source>
        <translation>我输入的名字（每行一个，例如评论区的昵称）</translation>
    </message>
    <message>
        <source>Nobody to draw from: this show has no buyers yet.</source>
        <translation>没有可抽的人：本场还没有买家。</translation>
    </message>
    <message numerus="yes">
        <source>Only %n entrant(s): choose fewer winners.</source>
        <translation>
            <numerusform>只有 %n 人参与：请减少中奖人数。</numerusform>
        </translation>
    </message>
    <message>
        <source>Prize:</source>
        <translation>奖品：</translation>
    </message>
    <message numerus="yes">
        <source>This show&apos;s buyers (%n)</source>
        <translation>
            <numerusform>本场买家（%n 人）</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the entrants&apos; names first, one per line.</source>
        <translation>请先输入参与者名字，每行一个。</translation>
    </message>
    <message>
        <source>Who can win:</source>
        <translation>参与者：</translation>
    </message>
    <message>
        <source>Winners:</source>
        <translation>中奖人数：</translation>
    </message>
    <message>
        <source>e.g. 福袋, a free jacket</source>
        <translation>例如：福袋、送一件外套</translation>
    </message>
    <message>
        <source>no prize named</source>
        <translation>未填奖品</translation>
    </message>
    <message>
        <source>{time} · {prize} · {winners} (from {entrants})</source>
        <translation>{time} · {prize} · {winners}（共 {entrants} 人参与）</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>A copy of “{title}” with its goals, people, promotions, budget and rundown, as a draft.</source>
        <translation>复制“{title}”，连同目标、人员、促销、预算和流程，存为草稿。</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Duplicate show</source>
        <translation>复制直播</translation>
    </message>
    <message>
        <source>New start</source>
        <translation>新的开播时间</translation>
    </message>
</context>
<context>
    <name>DurationEdit</name>
    <message>
        <source>Minutes:seconds, or whole minutes. Up/Down ±30 s, Page Up/Page Down ±5 min.</source>
        <translation>分:秒，或整数分钟。上/下键 ±30 秒，Page Up/Page Down ±5 分钟。</translation>
    </message>
    <message>
        <source>m:ss</source>
        <translation>分:秒</translation>
    </message>
</context>
<context>
    <name>EditableRowsModel</name>
    <message>
        <source>{row}: {message}</source>
        <translation>{row}：{message}</translation>
    </message>
</context>
<context>
    <name>EncodingCombo</name>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>ExceptionReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>StreamDesk hit an unexpected problem; details are in the log.</source>
        <translation>StreamDesk 遇到意外问题，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>StreamDesk ran into an unexpected problem, and what you were doing may not have finished. Anything that was already saved is safe. If this happens again, click “Copy details” and send them to whoever supports your StreamDesk.</source>
        <translation>StreamDesk 遇到意外问题，刚才的操作可能没有完成。已经保存的数据不受影响。如果再次出现，请点击“复制详细信息”，发给为你提供 StreamDesk 支持的人。</translation>
    </message>
    <message>
        <source>The details were also written to {log}.</source>
        <translation>详细信息也已写入 {log}。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n order(s) were left out:</source>
        <translation>
            <numerusform>有 %n 个订单未导出：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s): {reason}</source>
        <translation>
            <numerusform>%n 个订单：{reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in all.</source>
        <translation>
            <numerusform>共 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a byte-order mark (for opening the CSV in Excel first)</source>
        <translation>添加 BOM（需先用 Excel 打开 CSV 时勾选）</translation>
    </message>
    <message numerus="yes">
        <source>All %n order(s) the filters show</source>
        <translation>
            <numerusform>筛选出的全部 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Chinese courier template (收件人/电话/省/市/区/详细地址)</source>
        <translation>通用快递模板（收件人/电话/省/市/区/详细地址）</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>请选择文件保存位置。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Courier or label tool</source>
        <translation>快递公司或打单工具</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Export orders for shipping</source>
        <translation>导出发货文件</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>Generic CSV (one row per item)</source>
        <translation>通用 CSV（每件商品一行）</translation>
    </message>
    <message>
        <source>Generic Excel (one row per item)</source>
        <translation>通用 Excel（每件商品一行）</translation>
    </message>
    <message>
        <source>No order could go into {path}: it holds the column headers only.</source>
        <translation>没有订单可以写入 {path}：文件里只有表头。</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>提示：{text}</translation>
    </message>
    <message>
        <source>One row per item; the tool merges rows with the same order number.</source>
        <translation>每件商品一行；打单工具会合并订单号相同的行。</translation>
    </message>
    <message>
        <source>One row per order, its items in one cell.</source>
        <translation>每个订单一行，商品写在同一格。</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Orders whose phone or address is masked (138****1234) or missing are left out: ship those through the platform&apos;s own label printing.</source>
        <translation>电话或地址被打码（138****1234）或缺失的订单不会导出：请用平台自己的电子面单发货。</translation>
    </message>
    <message>
        <source>Pirate Ship</source>
        <translation>Pirate Ship</translation>
    </message>
    <message>
        <source>Royal Mail Click &amp; Drop</source>
        <translation>Royal Mail Click &amp; Drop</translation>
    </message>
    <message>
        <source>SF Express (顺丰) batch order template</source>
        <translation>顺丰批量下单模板</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>保存导出文件</translation>
    </message>
    <message>
        <source>ShipStation</source>
        <translation>ShipStation</translation>
    </message>
    <message>
        <source>Shippo</source>
        <translation>Shippo</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected order(s)</source>
        <translation>
            <numerusform>选中的 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n order(s) to {path}.</source>
        <translation>
            <numerusform>已将 %n 个订单写入 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>ZTO (中通) batch import</source>
        <translation>中通批量导入</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>%n status(es)</source>
        <translation>
            <numerusform>%n 种状态</numerusform>
        </translation>
    </message>
    <message>
        <source>Active and archived</source>
        <translation>在售和已归档</translation>
    </message>
    <message>
        <source>Active products</source>
        <translation>在售商品</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部定位</translation>
    </message>
    <message>
        <source>All shows</source>
        <translation>全部直播</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Archived products</source>
        <translation>已归档商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>From – to…</source>
        <translation>自定义日期…</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Low stock only</source>
        <translation>只看库存不足</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Orders placed during one show</source>
        <translation>某场直播中下的订单</translation>
    </message>
    <message>
        <source>Orders the import flagged: unknown status text or damaged data</source>
        <translation>导入时标记的订单：状态无法识别或数据损坏</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看超时</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Product role</source>
        <translation>商品定位</translation>
    </message>
    <message>
        <source>Product status</source>
        <translation>商品状态</translation>
    </message>
    <message>
        <source>Search order no., buyer, recipient, SKU or title (Ctrl+F)</source>
        <translation>搜索订单号、买家、收件人、SKU 或商品名（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search title, SKU, barcode or tag (Ctrl+F)</source>
        <translation>搜索标题、SKU、条码或标签（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播场次</translation>
    </message>
    <message>
        <source>Show orders in these statuses</source>
        <translation>显示这些状态的订单</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Unshipped orders past their ship-by time</source>
        <translation>已过最晚发货时间仍未发货的订单</translation>
    </message>
    <message>
        <source>When the orders were placed</source>
        <translation>下单时间</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up StreamDesk</source>
        <translation>设置 StreamDesk</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>The demo shop could not be started.</source>
        <translation>无法启动演示店铺。</translation>
    </message>
    <message>
        <source>The settings could not be saved to {path}: {reason}.</source>
        <translation>设置无法保存到 {path}：{reason}。</translation>
    </message>
</context>
<context>
    <name>FlashSaleWidget</name>
    <message>
        <source>Flash sale</source>
        <translation>秒杀</translation>
    </message>
    <message>
        <source>Flash sale over</source>
        <translation>秒杀结束</translation>
    </message>
    <message>
        <source>Flash sale: {title}</source>
        <translation>秒杀：{title}</translation>
    </message>
</context>
<context>
    <name>FollowBar</name>
    <message>
        <source>Drive the show timer from this laptop from now on</source>
        <translation>从现在起由这台电脑控制直播计时</translation>
    </message>
    <message>
        <source>Following the timer driven on {machine}, but the database cannot be read now: {problem}</source>
        <translation>正在跟随 {machine} 控制的计时，但现在读不到数据库：{problem}</translation>
    </message>
    <message>
        <source>Following the timer driven on {machine}, which has not been heard from for {time}. If that laptop is gone, take the timer over here.</source>
        <translation>正在跟随 {machine} 控制的计时，但已有 {time} 没有收到它的消息。如果那台电脑已经断开，请在这里接管计时。</translation>
    </message>
    <message>
        <source>Following the timer driven on {machine}: it shows the same segment and time. The buttons work on that laptop.</source>
        <translation>正在跟随 {machine} 控制的计时：这里显示同样的环节和时间。按钮只在那台电脑上有效。</translation>
    </message>
    <message>
        <source>Take over the timer…</source>
        <translation>接管计时…</translation>
    </message>
    <message>
        <source>The show was ended on {machine}.</source>
        <translation>直播已在 {machine} 上结束。</translation>
    </message>
    <message>
        <source>another laptop</source>
        <translation>另一台电脑</translation>
    </message>
    <message>
        <source>{machine} stopped driving the timer. Take it over to carry on the show from this laptop.</source>
        <translation>{machine} 已不再控制计时。接管后可在这台电脑上继续这场直播。</translation>
    </message>
</context>
<context>
    <name>FromTemplateDialog</name>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个环节</numerusform>
        </translation>
    </message>
    <message>
        <source>Create show</source>
        <translation>创建直播</translation>
    </message>
    <message>
        <source>Give the show a title.</source>
        <translation>请给直播起个标题。</translation>
    </message>
    <message>
        <source>New show from a template</source>
        <translation>从模板新建直播</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>计划开播</translation>
    </message>
    <message>
        <source>Show title</source>
        <translation>直播标题</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>{title} — {details}</source>
        <translation>{title} — {details}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>Guide topics</source>
        <translation>指南目录</translation>
    </message>
    <message>
        <source>StreamDesk guide</source>
        <translation>StreamDesk 使用指南</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Went live anyway because</source>
        <translation>仍然开播的理由</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Delete pre-flight run</source>
        <translation>删除开播前检查</translation>
    </message>
    <message>
        <source>Delete run…</source>
        <translation>删除这次检查…</translation>
    </message>
    <message>
        <source>Delete the run started {time} with all its results? This cannot be undone.</source>
        <translation>删除 {time} 开始的这次检查及其全部结果？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete this run for good</source>
        <translation>永久删除这次检查</translation>
    </message>
    <message>
        <source>Each run of the checklist is kept here with its verdict, so you can see how the rig stood before every show — and why a show went live despite a failed check.</source>
        <translation>每次检查连同结论都保存在这里，可以查看每场直播前设备的状况，以及某场直播在检查未通过时仍然开播的原因。</translation>
    </message>
    <message>
        <source>No pre-flight runs yet</source>
        <translation>还没有开播前检查记录</translation>
    </message>
    <message>
        <source>Open in the checklist</source>
        <translation>在检查清单中打开</translation>
    </message>
    <message>
        <source>Show this run</source>
        <translation>显示这次检查</translation>
    </message>
</context>
<context>
    <name>HostSheet</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Cue: {cue}</source>
        <translation>提示：{cue}</translation>
    </message>
    <message>
        <source>Fixed start {time}</source>
        <translation>固定开始 {time}</translation>
    </message>
    <message>
        <source>Flash-sale countdown {seconds} s</source>
        <translation>秒杀倒计时 {seconds} 秒</translation>
    </message>
    <message>
        <source>GMV {amount}</source>
        <translation>GMV {amount}</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>No date set</source>
        <translation>未定日期</translation>
    </message>
    <message>
        <source>Note: {notes}</source>
        <translation>备注：{notes}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Products (live price, stock)</source>
        <translation>商品（直播价，库存）</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>SKU targets</source>
        <translation>SKU 目标</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>This show has no segments yet.</source>
        <translation>这场节目还没有环节。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>stock {count}</source>
        <translation>库存 {count}</translation>
    </message>
    <message>
        <source>the file cannot be created</source>
        <translation>无法创建该文件</translation>
    </message>
    <message>
        <source>{count} new followers</source>
        <translation>新增粉丝 {count}</translation>
    </message>
    <message>
        <source>{count} orders</source>
        <translation>{count} 单</translation>
    </message>
    <message>
        <source>{day}, {start}–{end} (planned {planned}; rundown {rundown})</source>
        <translation>{day} {start}–{end}（计划 {planned}；流程 {rundown}）</translation>
    </message>
    <message>
        <source>{fixed} (cannot be reached)</source>
        <translation>{fixed}（来不及）</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
</context>
<context>
    <name>ImagesPanel</name>
    <message>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Add product images</source>
        <translation>添加商品图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</translation>
    </message>
    <message>
        <source>Missing picture</source>
        <translation>图片缺失</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>前移</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>后移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Check rows</source>
        <translation>检查数据</translation>
    </message>
    <message>
        <source>Checking {count} rows…</source>
        <translation>正在检查 {count} 行…</translation>
    </message>
    <message>
        <source>Choose a product file</source>
        <translation>选择商品文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>导入已取消，没有写入任何数据。</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>Imported {name}: {added} SKUs added, {updated} updated, {unchanged} unchanged; {skipped} rows skipped because of problems.</source>
        <translation>已导入 {name}：新增 {added} 个 SKU，更新 {updated} 个，{unchanged} 个无变化；{skipped} 行因有问题被跳过。</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx *.txt *.tsv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Alt title</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Compliance notes</source>
        <translation>合规提示</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Low-stock alert</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <source>Restock lead time (days)</source>
        <translation>补货周期（天）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <source>Shipping time (days)</source>
        <translation>发货周期（天）</translation>
    </message>
    <message>
        <source>Ships from</source>
        <translation>发货地</translation>
    </message>
    <message>
        <source>Show role</source>
        <translation>排品定位</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺码</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier contact</source>
        <translation>供应商联系方式</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>商品名称</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Fixed start</source>
        <translation>定点开始</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Row in file</source>
        <translation>文件行号</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Add check</source>
        <translation>添加检查项</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>检查项：</translation>
    </message>
    <message>
        <source>Checked by:</source>
        <translation>检查方式：</translation>
    </message>
    <message>
        <source>Critical: a failure here means NO-GO</source>
        <translation>关键项：这一项未通过就不能开播</translation>
    </message>
    <message>
        <source>Edit check</source>
        <translation>编辑检查项</translation>
    </message>
    <message>
        <source>Give the check a title.</source>
        <translation>请填写检查项的名称。</translation>
    </message>
    <message>
        <source>Hint:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <source>How to check it, in one sentence</source>
        <translation>用一句话说明怎么检查</translation>
    </message>
    <message>
        <source>Passes:</source>
        <translation>通过范围：</translation>
    </message>
    <message>
        <source>Probe:</source>
        <translation>自动测量：</translation>
    </message>
    <message>
        <source>The limits must be numbers, or blank for no limit.</source>
        <translation>范围必须是数字，留空表示不限。</translation>
    </message>
    <message>
        <source>The lower limit is above the upper one.</source>
        <translation>下限高于上限。</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>e.g. Ring light on and pointed at the face</source>
        <translation>例如：环形补光灯已打开并对准脸部</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <source>Approximate: computed from a stand-in where the exact figure is missing.</source>
        <translation>近似值：缺少准确数据，用替代数据计算。</translation>
    </message>
    <message>
        <source>No data for this show yet.</source>
        <translation>这场直播还没有这项数据。</translation>
    </message>
    <message>
        <source>Target {target} {mark}</source>
        <translation>目标 {target} {mark}</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <source>was {value}</source>
        <translation>上次 {value}</translation>
    </message>
    <message>
        <source>“{show}”: {value}; change {change}</source>
        <translation>“{show}”：{value}；变化 {change}</translation>
    </message>
</context>
<context>
    <name>KpiGrid</name>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比场次</translation>
    </message>
    <message>
        <source>Copy all KPIs</source>
        <translation>复制全部指标</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target met</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>&amp;Currency:</source>
        <translation>币种(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A few questions so that StreamDesk fits your shop. You can change every answer later in Settings.</source>
        <translation>回答几个问题，让 StreamDesk 适合你的店铺。每个回答以后都可以在“设置”里修改。</translation>
    </message>
    <message>
        <source>A new language is used from the next time you start StreamDesk.</source>
        <translation>更改的语言在下次启动 StreamDesk 时生效。</translation>
    </message>
    <message>
        <source>The currency must be a three-letter code such as CNY or USD.</source>
        <translation>币种必须是三个字母的代码，例如 CNY 或 USD。</translation>
    </message>
    <message>
        <source>Welcome to StreamDesk</source>
        <translation>欢迎使用 StreamDesk</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Green: good level ({low} to {high} dBFS). Amber: too quiet or on the loud side. Red: risk of clipping (above {clip} dBFS). The thin line holds the highest peak.</source>
        <translation>绿色：电平合适（{low} 至 {high} dBFS）。琥珀色：太小或偏大。红色：有削波（爆音）风险（高于 {clip} dBFS）。细线保持显示最高峰值。</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风电平</translation>
    </message>
    <message>
        <source>No signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>Peak {peak} dBFS · RMS {rms} dBFS</source>
        <translation>峰值 {peak} dBFS · 有效值 {rms} dBFS</translation>
    </message>
    <message>
        <source>Peak {peak} dBFS, average (RMS) {rms} dBFS, highest recent peak {hold} dBFS.</source>
        <translation>峰值 {peak} dBFS，平均电平（RMS）{rms} dBFS，最近最高峰值 {hold} dBFS。</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>(a valid link first)</source>
        <translation>（请先填写有效链接）</translation>
    </message>
    <message>
        <source>A booking link starts with https:// (or http://) and has no spaces.</source>
        <translation>预约链接应以 https://（或 http://）开头，且不含空格。</translation>
    </message>
    <message>
        <source>Add booking link</source>
        <translation>添加预约链接</translation>
    </message>
    <message>
        <source>Added to the link as {param}=&lt;value&gt;, so the platform&apos;s stats tell channels apart.</source>
        <translation>以 {param}=&lt;追踪值&gt; 加到链接上，平台数据就能区分各渠道。</translation>
    </message>
    <message>
        <source>Booking link:</source>
        <translation>预约链接：</translation>
    </message>
    <message>
        <source>Booking on:</source>
        <translation>预约平台：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Edit booking link</source>
        <translation>编辑预约链接</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有失效时间</translation>
    </message>
    <message>
        <source>Paste the booking link from the platform&apos;s app.</source>
        <translation>请粘贴平台 App 里生成的预约链接。</translation>
    </message>
    <message>
        <source>The QR code opens:</source>
        <translation>二维码打开：</translation>
    </message>
    <message>
        <source>Tracking is off for this show: the link is used as it is. Turn it on with a parameter name.</source>
        <translation>本场未开启渠道追踪，链接按原样使用。填写参数名即可开启。</translation>
    </message>
    <message>
        <source>Tracking value:</source>
        <translation>追踪值：</translation>
    </message>
    <message>
        <source>Use letters, digits, dot, dash and underscore only.</source>
        <translation>只能使用字母、数字、点、短横线和下划线。</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <source>Your name for it:</source>
        <translation>自定义名称：</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
</context>
<context>
    <name>LinkFlows</name>
    <message>
        <source>Copied the {channel} link: {url}</source>
        <translation>已复制“{channel}”的链接：{url}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n booking count(s). Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>已导入 %n 个渠道的预约人数。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>QR code for {channel}</source>
        <translation>“{channel}”的二维码</translation>
    </message>
    <message>
        <source>Re-made the booking</source>
        <translation>已重新创建预约</translation>
    </message>
    <message>
        <source>Select a link to see its QR code, ready to save or copy into a poster.</source>
        <translation>选中一条链接即可查看它的二维码，可保存或复制到海报中。</translation>
    </message>
    <message>
        <source>You revoked the {channel} booking and created a new one for the show&apos;s current time. Paste the new booking link (keep it as it is if it did not change):</source>
        <translation>你已撤销“{channel}”的预约，并按当前开播时间重新创建。请粘贴新的预约链接（若链接没变，保持不动即可）：</translation>
    </message>
</context>
<context>
    <name>LinkedProductsModel</name>
    <message>
        <source>Archived in the catalogue: it can no longer be sold</source>
        <translation>已在商品目录中归档：不能再售卖</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Margin {margin} per unit</source>
        <translation>每件毛利 {margin}</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>已售罄</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>LinksModel</name>
    <message>
        <source>Booking on</source>
        <translation>预约平台</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>预约人数</translation>
    </message>
    <message>
        <source>Bookings the platform counted for this channel; double-click to edit</source>
        <translation>平台统计的该渠道预约人数；双击可编辑</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Set a tracking parameter above to add this value to the link.</source>
        <translation>在上方填写追踪参数后，这个值才会加到链接上。</translation>
    </message>
    <message>
        <source>The QR code opens: {url}</source>
        <translation>二维码打开：{url}</translation>
    </message>
    <message>
        <source>The booking link as you entered it; the QR code adds the tracking value</source>
        <translation>你填写的预约链接；二维码会加上追踪值</translation>
    </message>
    <message>
        <source>The platform where the booking (预约 / LIVE event) lives</source>
        <translation>预约（直播预约 / LIVE 活动）所在的平台</translation>
    </message>
    <message>
        <source>The value the show&apos;s tracking parameter gets for this channel</source>
        <translation>本场追踪参数在该渠道的取值</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>追踪</translation>
    </message>
    <message>
        <source>Where you spread the link: your own name for it, or the channel&apos;s</source>
        <translation>链接投放的渠道：你起的名称，或渠道名称</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>{value} (off)</source>
        <translation>{value}（未开启）</translation>
    </message>
</context>
<context>
    <name>LinksView</name>
    <message>
        <source>A parameter added to every link with the channel&apos;s value, e.g. utm_source. Leave empty when the platform rejects links with extra parameters.</source>
        <translation>加到每条链接上的参数（取各渠道的追踪值），例如 utm_source。平台不接受多余参数时请留空。</translation>
    </message>
    <message>
        <source>Add a booking link</source>
        <translation>添加一条预约链接</translation>
    </message>
    <message>
        <source>Add link…</source>
        <translation>添加链接…</translation>
    </message>
    <message>
        <source>Add the booking link you created on 视频号/抖音 (直播预约) or your TikTok LIVE event, once for every channel you spread it in: 公众号, 朋友圈, customer groups, posters… Each channel gets its own QR code to save or print.</source>
        <translation>添加你在视频号/抖音创建的直播预约链接（或 TikTok LIVE 活动链接），每个投放渠道各加一条：公众号、朋友圈、社群、海报…… 每个渠道都有自己的二维码，可保存或打印。</translation>
    </message>
    <message>
        <source>Bookings across channels: {total}</source>
        <translation>各渠道预约合计：{total}</translation>
    </message>
    <message>
        <source>Bookings: none entered yet. Enter them per channel after the show.</source>
        <translation>预约人数：尚未录入。直播后按渠道填写。</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy the link the QR code opens, with its tracking value</source>
        <translation>复制二维码打开的链接（含追踪值）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected link (undoable)</source>
        <translation>删除选中的链接（可撤销）</translation>
    </message>
    <message>
        <source>Edit the selected link</source>
        <translation>编辑选中的链接</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Import counts…</source>
        <translation>导入人数…</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected link down</source>
        <translation>将选中的链接下移</translation>
    </message>
    <message>
        <source>Move the selected link up</source>
        <translation>将选中的链接上移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>No booking links yet</source>
        <translation>还没有预约链接</translation>
    </message>
    <message>
        <source>Re-made the booking…</source>
        <translation>已重新创建预约…</translation>
    </message>
    <message>
        <source>Read booking counts per channel from a CSV or Excel file, with a preview</source>
        <translation>从 CSV 或 Excel 文件读取各渠道预约人数，先预览再导入</translation>
    </message>
    <message>
        <source>Tracking parameter:</source>
        <translation>追踪参数：</translation>
    </message>
    <message>
        <source>You re-created the booking on the platform for the show&apos;s current time</source>
        <translation>你已在平台上按当前开播时间重新创建了预约</translation>
    </message>
    <message>
        <source>off</source>
        <translation>未开启</translation>
    </message>
</context>
<context>
    <name>LiveControls</name>
    <message>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <source>A big countdown for the flash sale</source>
        <translation>秒杀大字倒计时</translation>
    </message>
    <message>
        <source>Add a minute to this segment (+)</source>
        <translation>本环节加一分钟（+）</translation>
    </message>
    <message>
        <source>Cancel flash sale</source>
        <translation>取消秒杀倒计时</translation>
    </message>
    <message>
        <source>End rehearsal…</source>
        <translation>结束彩排…</translation>
    </message>
    <message>
        <source>End show…</source>
        <translation>结束直播…</translation>
    </message>
    <message>
        <source>Flash sale {seconds} s</source>
        <translation>秒杀 {seconds} 秒</translation>
    </message>
    <message>
        <source>Go to…</source>
        <translation>跳到…</translation>
    </message>
    <message>
        <source>Jump to any segment</source>
        <translation>跳到任意环节</translation>
    </message>
    <message>
        <source>Next segment (Page Down, →)</source>
        <translation>下一环节（Page Down、→）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一环节 ▶</translation>
    </message>
    <message>
        <source>Presenter window</source>
        <translation>计时屏</translation>
    </message>
    <message>
        <source>Previous segment (Page Up, ←)</source>
        <translation>上一环节（Page Up、←）</translation>
    </message>
    <message>
        <source>Start, pause or resume the show timer (Space)</source>
        <translation>开始、暂停或继续直播计时（空格）</translation>
    </message>
    <message>
        <source>Take a minute off this segment (−)</source>
        <translation>本环节减一分钟（−）</translation>
    </message>
    <message>
        <source>The timer in its own window, for a second screen or a corner (F11: full screen)</source>
        <translation>在单独窗口显示计时，可放到第二块屏幕或屏幕一角（F11 全屏）</translation>
    </message>
    <message>
        <source>{number}. {title} ({length})</source>
        <translation>{number}. {title}（{length}）</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 分钟</translation>
    </message>
    <message>
        <source>▶ Resume</source>
        <translation>▶ 继续</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一环节</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>LiveKeys</name>
    <message>
        <source>Add a minute to this segment</source>
        <translation>本段加一分钟</translation>
    </message>
    <message>
        <source>Next segment</source>
        <translation>下一段</translation>
    </message>
    <message>
        <source>Presenter full screen on or off</source>
        <translation>计时屏全屏开关</translation>
    </message>
    <message>
        <source>Previous segment</source>
        <translation>上一段</translation>
    </message>
    <message>
        <source>Show or hide these keys</source>
        <translation>显示或隐藏按键说明</translation>
    </message>
    <message>
        <source>Start, pause or resume the show timer</source>
        <translation>开始、暂停或继续直播计时</translation>
    </message>
    <message>
        <source>Take a minute off this segment</source>
        <translation>本段减一分钟</translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>Create a show and its rundown on the Shows page first.</source>
        <translation>请先在“直播计划”页面创建直播并排好流程。</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <source>Live show</source>
        <translation>正式直播</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>未定日期</translation>
    </message>
    <message>
        <source>No shows yet</source>
        <translation>还没有直播</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <translation>彩排</translation>
    </message>
    <message>
        <source>Rehearse</source>
        <translation>彩排</translation>
    </message>
    <message>
        <source>Run through the rundown with the timer; nothing is recorded as a real show</source>
        <translation>按流程计时走一遍，不会记作正式直播</translation>
    </message>
    <message>
        <source>Saved planned vs actual to {path}.</source>
        <translation>计划与实际对比已保存到 {path}。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播场次</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>直播：</translation>
    </message>
    <message>
        <source>Start the real show: its timer is recorded for the review</source>
        <translation>开始正式直播：计时会记录下来，用于复盘</translation>
    </message>
    <message>
        <source>StreamDesk live — {database}</source>
        <translation>StreamDesk 直播 — {database}</translation>
    </message>
    <message>
        <source>The rehearsal was deleted.</source>
        <translation>彩排记录已删除。</translation>
    </message>
    <message>
        <source>This show is already live: resume it instead</source>
        <translation>这场已经开播，请点“继续”接着播</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>Tomorrow {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <source>{time} ahead</source>
        <translation>提前 {time}</translation>
    </message>
    <message>
        <source>{time} behind</source>
        <translation>落后 {time}</translation>
    </message>
</context>
<context>
    <name>LiveSaleCommand</name>
    <message>
        <source>sale of {quantity} × {product} to {buyer}</source>
        <translation>登记 {quantity} × {product} 给 {buyer}</translation>
    </message>
</context>
<context>
    <name>LiveSales</name>
    <message>
        <source>Not enough stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Not sold: only {available} of “{product}” left.</source>
        <translation>没有登记：“{product}”只剩 {available} 件。</translation>
    </message>
    <message>
        <source>Only {available} of “{product}” left, and backorders are off. Put {buyer} on its waitlist instead?</source>
        <translation>“{product}”只剩 {available} 件，且未允许超卖。改为把 {buyer} 加入候补名单吗？</translation>
    </message>
    <message>
        <source>Only {available} of “{product}” left. Sell {quantity} to {buyer} anyway and ship later (backorder)?</source>
        <translation>“{product}”只剩 {available} 件。仍然卖 {quantity} 件给 {buyer}，补货后再发（超卖）吗？</translation>
    </message>
    <message>
        <source>Sell past the stock?</source>
        <translation>超出库存也要卖？</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <source>End the rehearsal</source>
        <translation>结束彩排</translation>
    </message>
    <message>
        <source>End the rehearsal now?</source>
        <translation>现在结束彩排吗？</translation>
    </message>
    <message>
        <source>End the show</source>
        <translation>结束直播</translation>
    </message>
    <message>
        <source>End “{show}” now? The timer stops for good and the show is marked done.</source>
        <translation>现在结束“{show}”吗？计时将彻底停止，这场直播会标记为已结束。</translation>
    </message>
    <message>
        <source>Rehearsal — nothing is recorded as a real show</source>
        <translation>彩排中 — 不会记作正式直播</translation>
    </message>
    <message>
        <source>Take over the timer</source>
        <translation>接管计时</translation>
    </message>
    <message>
        <source>Take the timer over from {machine}? This laptop drives the show from now on; if that laptop comes back, it follows this one.</source>
        <translation>要从 {machine} 接管计时吗？从现在起由这台电脑控制直播；那台电脑恢复后会跟随这台。</translation>
    </message>
    <message>
        <source>This laptop follows the timer driven on {machine}; the keys and buttons work there. Take the timer over to drive it from here.</source>
        <translation>这台电脑正在跟随 {machine} 控制的计时，按键和按钮只在那台电脑上有效。接管计时后才能在这里控制。</translation>
    </message>
    <message>
        <source>{machine} is still driving this timer. Take it over anyway? Its buttons and keys stop working, and this laptop drives the show from now on.</source>
        <translation>{machine} 仍在控制这个计时。仍要接管吗？那台电脑的按钮和按键将失效，从现在起由这台电脑控制直播。</translation>
    </message>
    <message>
        <source>{show} (rehearsal)</source>
        <translation>{show}（彩排）</translation>
    </message>
    <message>
        <source>● LIVE</source>
        <translation>● 直播中</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About StreamDesk</source>
        <translation>关于 StreamDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Guide for this page</source>
        <translation>本页使用说明(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Privacy mode</source>
        <translation>隐私模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search this page</source>
        <translation>在本页搜索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>A task is still running. Quit anyway? It will be stopped first.</source>
        <translation>还有任务在运行。仍要退出吗？任务会先被停止。</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>Go to {page}</source>
        <translation>转到{page}</translation>
    </message>
    <message>
        <source>Hide buyers&apos; names, phone numbers and addresses while you share the screen (Ctrl+Shift+H)</source>
        <translation>共享屏幕时隐藏买家姓名、电话和地址（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>直播中控</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>On this page: {page}</source>
        <translation>本页：{page}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Pre-flight</source>
        <translation>开播前检查</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Privacy mode off.</source>
        <translation>隐私模式已关闭。</translation>
    </message>
    <message>
        <source>Privacy mode on: names, phone numbers and addresses are hidden.</source>
        <translation>隐私模式已开启：姓名、电话和地址已隐藏。</translation>
    </message>
    <message>
        <source>Quit StreamDesk?</source>
        <translation>退出 StreamDesk？</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>Run the setup &amp;wizard again…</source>
        <translation>重新运行设置向导(&amp;W)…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Settings saved. Restart StreamDesk to use the new language or currency.</source>
        <translation>设置已保存。重新启动 StreamDesk 后才会使用新的语言或币种。</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>直播计划</translation>
    </message>
    <message>
        <source>StreamDesk — Team database: {place}</source>
        <translation>StreamDesk — 团队数据库：{place}</translation>
    </message>
    <message>
        <source>StreamDesk — {database}</source>
        <translation>StreamDesk — {database}</translation>
    </message>
    <message>
        <source>Team database: {place}</source>
        <translation>团队数据库：{place}</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Choose a column for one of: {first}, {second} (lines are matched by either).</source>
        <translation>请至少为其中一个选择列：{first}、{second}（商品行按其中之一匹配）。</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>请为以下字段选择列：{fields}。</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <source>Name, e.g. “Group-buy sheet”</source>
        <translation>名称，如“团购表”</translation>
    </message>
    <message>
        <source>Orders from</source>
        <translation>订单来自</translation>
    </message>
    <message>
        <source>Save for next time as</source>
        <translation>保存以便下次使用，名称</translation>
    </message>
    <message>
        <source>Save mapping as…</source>
        <translation>保存对应关系…</translation>
    </message>
    <message>
        <source>Saved as “{name}”: it is offered as a format next time.</source>
        <translation>已保存为“{name}”，下次导入时可直接选用。</translation>
    </message>
    <message>
        <source>Saved mappings are offered as a format next time.</source>
        <translation>保存的对应关系下次会作为一种格式供选择。</translation>
    </message>
    <message>
        <source>Times without a time zone are read as {zone} time, as for every export of this platform.</source>
        <translation>没有时区的时间按 {zone} 时间读取，与该平台的所有导出文件相同。</translation>
    </message>
    <message>
        <source>Times without a time zone are read in this computer&apos;s time zone.</source>
        <translation>不带时区的时间按这台电脑的时区读取。</translation>
    </message>
    <message>
        <source>Use this mapping</source>
        <translation>使用此对应关系</translation>
    </message>
    <message>
        <source>{name}: {rows} rows. Choose the column of your file that holds each order field; the first values of the chosen column are shown beside it. Fields you leave out are not imported.</source>
        <translation>{name}：{rows} 行。为每个订单字段选择文件中对应的列，右侧显示该列的前几个值。未选择的字段不导入。</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>Column in your file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>Recognised headers: {aliases}</source>
        <translation>可识别的表头：{aliases}</translation>
    </message>
    <message>
        <source>StreamDesk field</source>
        <translation>StreamDesk 字段</translation>
    </message>
    <message>
        <source>{field} (required)</source>
        <translation>{field}（必填）</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source> (a guess: check the titles below look right)</source>
        <translation>（推测结果：请确认下面的文字显示正常）</translation>
    </message>
    <message>
        <source>Choose a column for: {fields}.</source>
        <translation>请为以下字段选择一列：{fields}。</translation>
    </message>
    <message>
        <source>Each StreamDesk field below takes the column you choose; bold fields are required.</source>
        <translation>下面每个 StreamDesk 字段取自你选择的列；粗体字段为必填。</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Step 2 of 3: match the columns</source>
        <translation>第 2 步（共 3 步）：对应各列</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>{name}: {rows} rows on sheet “{sheet}”.</source>
        <translation>{name}：工作表“{sheet}”中有 {rows} 行。</translation>
    </message>
    <message>
        <source>{name}: {rows} rows, read as {encoding}{guessed}.</source>
        <translation>{name}：共 {rows} 行，按 {encoding} 编码读取{guessed}。</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>MetricsFilePage</name>
    <message>
        <source>Choose the live data the platform exported for this show: a Douyin 罗盘 minute trend or live summary, a Kuaishou or WeChat Channels summary, or a TikTok LIVE list (CSV, Excel .xlsx or Unicode text). StreamDesk recognises the columns; any other file can be read with your own column mapping. Nothing is saved before you press Import.</source>
        <translation>选择平台为本场导出的直播数据：抖音罗盘分钟趋势或直播复盘汇总、快手或视频号的直播汇总，或 TikTok LIVE 列表（CSV、Excel .xlsx 或 Unicode 文本）。StreamDesk 会自动识别各列；其他文件可用自定义列对应读取。点击“导入”之前不会保存任何数据。</translation>
    </message>
    <message>
        <source>Import live data</source>
        <translation>导入直播数据</translation>
    </message>
</context>
<context>
    <name>MetricsImport</name>
    <message numerus="yes">
        <source>%n interval(s) missing; {duplicates} time(s) came twice (the later row was kept); {skipped} row(s) left out.</source>
        <translation>
            <numerusform>缺失 %n 个时段；{duplicates} 个时间出现两次（保留后一行）；跳过 {skipped} 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) every {interval} s, from {start} to {end}.</source>
        <translation>
            <numerusform>%n 个数据点，每 {interval} 秒一个，从 {start} 到 {end}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) with a value</source>
        <translation>
            <numerusform>%n 个数据点有值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) appear twice in the file; the later row of each was kept.</source>
        <translation>
            <numerusform>文件中有 %n 个时间出现两次；每个都保留了后一行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Douyin live summary</source>
        <translation>抖音直播汇总</translation>
    </message>
    <message>
        <source>Douyin 罗盘 minute trend</source>
        <translation>抖音罗盘分钟趋势</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message numerus="yes">
        <source>Importing replaces %n sample(s) already stored for this time.</source>
        <translation>
            <numerusform>导入将替换此时段内已保存的 %n 个数据点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kuaishou live summary</source>
        <translation>快手直播汇总</translation>
    </message>
    <message>
        <source>Kuaishou minute trend</source>
        <translation>快手分钟趋势</translation>
    </message>
    <message numerus="yes">
        <source>No data from {start} to {end} (%n interval(s)).</source>
        <translation>
            <numerusform>{start} 至 {end} 没有数据（%n 个时段）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No gaps, no duplicate times, no rows left out.</source>
        <translation>没有缺口，没有重复时间，没有跳过的行。</translation>
    </message>
    <message numerus="yes">
        <source>Show totals: %n figure(s) read.</source>
        <translation>
            <numerusform>整场汇总：读取 %n 项数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>The file lists several LIVEs; row {row} started nearest this show&apos;s start.</source>
        <translation>文件中有多场直播；第 {row} 行的开播时间最接近本场。</translation>
    </message>
    <message>
        <source>TikTok LIVE list</source>
        <translation>TikTok LIVE 列表</translation>
    </message>
    <message>
        <source>WeChat Channels live summary</source>
        <translation>视频号直播汇总</translation>
    </message>
    <message>
        <source>Your own column mapping</source>
        <translation>自定义列对应</translation>
    </message>
    <message>
        <source>{file}: {format} for {platform} ({encoding}).</source>
        <translation>{file}：{format}（{platform}，{encoding}）。</translation>
    </message>
</context>
<context>
    <name>MetricsImportDialog</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose live data</source>
        <translation>选择直播数据</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入，没有写入任何数据。</translation>
    </message>
    <message>
        <source>Import live data</source>
        <translation>导入直播数据</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Live data (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>直播数据 (*.csv *.xlsx *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
</context>
<context>
    <name>MetricsMappingDialog</name>
    <message>
        <source>Choose a column for at least one figure.</source>
        <translation>请至少为一项数据选择列。</translation>
    </message>
    <message>
        <source>Choose the column that holds the time.</source>
        <translation>请选择时间所在的列。</translation>
    </message>
    <message>
        <source>Choose the file&apos;s column for each figure it holds; leave the rest at “not in the file”. Amounts are read in the show&apos;s currency, or in fen when the column&apos;s name says (分).</source>
        <translation>为文件中的每项数据选择对应的列，其余保持“文件中没有”。金额按本场币种读取；列名注明（分）时按分读取。</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <source>Minute by minute: a time column and figures for each minute</source>
        <translation>分钟趋势：一列时间，每分钟一行数据</translation>
    </message>
    <message>
        <source>Read with these columns</source>
        <translation>按这些列读取</translation>
    </message>
    <message>
        <source>Show start (when several shows)</source>
        <translation>开播时间（文件含多场时）</translation>
    </message>
    <message>
        <source>Show totals: one row of figures for the whole show</source>
        <translation>整场汇总：整场直播一行数据</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>not in the file</source>
        <translation>文件中没有</translation>
    </message>
</context>
<context>
    <name>MetricsPreviewPage</name>
    <message>
        <source>As the format says</source>
        <translation>按格式判断</translation>
    </message>
    <message>
        <source>Check the data</source>
        <translation>核对数据</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数据项</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Gaps and skipped rows</source>
        <translation>缺口和跳过的行</translation>
    </message>
    <message>
        <source>Map columns…</source>
        <translation>对应列…</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取结果</translation>
    </message>
    <message>
        <source>Recognise automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Rows in the file</source>
        <translation>文件中的行</translation>
    </message>
    <message>
        <source>This format is known only from partial evidence: check that each figure below landed in the right column, and map the columns yourself if not.</source>
        <translation>此格式仅根据部分资料推断：请核对下面每项数据是否读自正确的列，不对时请自行对应列。</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
</context>
<context>
    <name>MetricsSummaryPage</name>
    <message numerus="yes">
        <source>%n sample(s) saved.</source>
        <translation>
            <numerusform>已保存 %n 个数据点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) stored earlier for the same time were replaced.</source>
        <translation>
            <numerusform>同一时段之前保存的 %n 个数据点已被替换。</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>The show&apos;s totals on {platform} were saved.</source>
        <translation>已保存本场在{platform}的汇总数据。</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message numerus="yes">
        <source>%n item(s) open in all.</source>
        <translation>
            <numerusform>共 %n 项未完成。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) open, {earlier} of them from earlier reviews.</source>
        <translation>
            <numerusform>共 %n 项未完成，其中 {earlier} 项来自之前的复盘。</numerusform>
        </translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected action item (Del)</source>
        <translation>删除选中的待办事项（Del）</translation>
    </message>
    <message>
        <source>No action items yet. Write down what to change next time: it is listed on the next show&apos;s pre-flight until you tick it.</source>
        <translation>还没有待办事项。写下下次要改进的地方：在勾选完成之前，它会出现在下一场的开播前检查里。</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Something to do differently next time; Enter adds it</source>
        <translation>下次要改进的事，按回车添加</translation>
    </message>
    <message>
        <source>What went well</source>
        <translation>做得好的地方</translation>
    </message>
    <message>
        <source>e.g. Sizes ran out in the first 10 minutes; the sound dropped twice during the giveaway.</source>
        <translation>例如：开播 10 分钟尺码就断货了；发福袋时声音断了两次。</translation>
    </message>
    <message>
        <source>e.g. The flash sale at 20:30 doubled the orders; the new host intro kept viewers longer.</source>
        <translation>例如：20:30 的秒杀让订单翻倍；新的开场介绍让观众停留更久。</translation>
    </message>
</context>
<context>
    <name>OrderCommands</name>
    <message>
        <source>Edit the seller note</source>
        <translation>编辑商家备注</translation>
    </message>
    <message numerus="yes">
        <source>Set %n order(s) to “{status}”</source>
        <translation>
            <numerusform>将 %n 个订单设为“{status}”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderFieldsModel</name>
    <message>
        <source>Lines are matched to your catalogue by SKU code, else by product title and spec.</source>
        <translation>商品行先按 SKU 编码与商品库匹配，没有编码时按商品标题和规格匹配。</translation>
    </message>
    <message>
        <source>{field} (required)</source>
        <translation>{field}（必填）</translation>
    </message>
    <message>
        <source>{field} (required, or {other})</source>
        <translation>{field}（必填，或填{other}）</translation>
    </message>
</context>
<context>
    <name>OrderFlows</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packing slip(s) saved to {path}.</source>
        <translation>
            <numerusform>已将 %n 张装箱单保存到 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped:</source>
        <translation>
            <numerusform>跳过了 %n 行：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tracking number(s) were already known.</source>
        <translation>
            <numerusform>有 %n 个运单号之前已登记。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a tracking file</source>
        <translation>选择运单号文件</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n order(s) to {path}.</source>
        <translation>
            <numerusform>已将 %n 个订单导出到 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n order(s) shipped.</source>
        <translation>
            <numerusform>已将 %n 个订单标记为已发货。</numerusform>
        </translation>
    </message>
    <message>
        <source>None of these orders is paid and waiting to ship: there is nothing to pack.</source>
        <translation>这些订单都不是已付款待发货，没有需要打包的。</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;CSV file (*.csv)</source>
        <translation>PDF (*.pdf);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message numerus="yes">
        <source>Pick list of %n SKU(s) saved to {path}.</source>
        <translation>
            <numerusform>已将 %n 个 SKU 的拣货单保存到 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Reading the orders to pack…</source>
        <translation>正在读取要打包的订单…</translation>
    </message>
    <message>
        <source>Reading the orders to pick…</source>
        <translation>正在读取要拣货的订单…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Save the packing slips</source>
        <translation>保存装箱单</translation>
    </message>
    <message>
        <source>Save the pick list</source>
        <translation>保存拣货单</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>There are no orders to pick: choose orders or change the filters.</source>
        <translation>没有要拣货的订单：请选择订单或调整筛选条件。</translation>
    </message>
    <message>
        <source>There are no orders to print: choose orders or change the filters.</source>
        <translation>没有要打印的订单：请选择订单或调整筛选条件。</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>……还有 %n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderImportDialog</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Choose an order export</source>
        <translation>选择订单导出文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入，没有写入任何数据。</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Match the columns of the file to import it, or choose another file.</source>
        <translation>请先对应文件的列再导入，或选择其他文件。</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>StreamDesk does not recognise the columns of this file. Match them to the order fields.</source>
        <translation>StreamDesk 不认识这个文件的列，请把它们对应到订单字段。</translation>
    </message>
    <message>
        <source>your own column mapping ({platform})</source>
        <translation>自定义列对应（{platform}）</translation>
    </message>
</context>
<context>
    <name>OrderImportModels</name>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
</context>
<context>
    <name>OrderImportPages</name>
    <message>
        <source>Douyin shop (抖店) export</source>
        <translation>抖店导出</translation>
    </message>
    <message>
        <source>Etsy sold orders export</source>
        <translation>Etsy 已售订单导出</translation>
    </message>
    <message>
        <source>Kuaishou shop (快手小店) export</source>
        <translation>快手小店导出</translation>
    </message>
    <message>
        <source>Saved mapping: {name}</source>
        <translation>已保存的对应：{name}</translation>
    </message>
    <message>
        <source>Shopify orders export</source>
        <translation>Shopify 订单导出</translation>
    </message>
    <message>
        <source>Taobao / Qianniu (淘宝/千牛) export</source>
        <translation>淘宝/千牛导出</translation>
    </message>
    <message>
        <source>TikTok Shop orders export</source>
        <translation>TikTok Shop 订单导出</translation>
    </message>
    <message>
        <source>WeChat Channels shop (视频号小店) export</source>
        <translation>视频号小店导出</translation>
    </message>
    <message>
        <source>Whatnot orders export</source>
        <translation>Whatnot 订单导出</translation>
    </message>
</context>
<context>
    <name>OrderLabels</name>
    <message>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>手动录入</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Fan club (粉丝团)</source>
        <translation>粉丝团</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Paid, to ship</source>
        <translation>已付款待发货</translation>
    </message>
    <message>
        <source>Platform export</source>
        <translation>平台导入</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Refund in progress</source>
        <translation>退款中</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Taken live</source>
        <translation>直播登记</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message numerus="yes">
        <source>%n unit(s) returned or refunded</source>
        <translation>
            <numerusform>已退货或退款 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>No stock taken</source>
        <translation>未扣库存</translation>
    </message>
    <message>
        <source>Not matched to a catalogue SKU yet: its stock was not taken</source>
        <translation>尚未匹配到商品目录中的 SKU，未扣库存</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Stock taken from the catalogue</source>
        <translation>已从商品库存中扣除</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>{quantity} ({refunded} back)</source>
        <translation>{quantity}（退回 {refunded}）</translation>
    </message>
</context>
<context>
    <name>OrderPdf</name>
    <message>
        <source>Buyer note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Nothing to pick: these orders have no lines.</source>
        <translation>无需拣货：这些订单没有商品行。</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Order {order_no} · {platform} · placed {placed}</source>
        <translation>订单 {order_no} · {platform} · 下单于 {placed}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Packing slip</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Returns: {address} {phone}</source>
        <translation>退货地址：{address} {phone}</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>the file cannot be created</source>
        <translation>无法创建文件</translation>
    </message>
    <message>
        <source>{skus} SKUs, {units} units. Printed {time}.</source>
        <translation>共 {skus} 个 SKU、{units} 件。打印于 {time}。</translation>
    </message>
    <message>
        <source>{units} units in {lines} lines</source>
        <translation>共 {units} 件，{lines} 行</translation>
    </message>
</context>
<context>
    <name>OrdersActions</name>
    <message>
        <source>Add or update orders from a platform&apos;s export file</source>
        <translation>从平台导出的订单文件新增或更新订单</translation>
    </message>
    <message>
        <source>Change the status of the selected orders (undoable)</source>
        <translation>修改所选订单的状态（可撤销）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Export for shipping…</source>
        <translation>导出发货文件…</translation>
    </message>
    <message>
        <source>Import orders…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <source>Import tracking…</source>
        <translation>导入运单号…</translation>
    </message>
    <message>
        <source>Mark orders shipped from a file of order numbers, couriers and tracking numbers</source>
        <translation>用包含订单号、快递公司和运单号的文件把订单标记为已发货</translation>
    </message>
    <message>
        <source>Mark shipped…</source>
        <translation>标记发货…</translation>
    </message>
    <message>
        <source>Move to the selected order&apos;s details</source>
        <translation>转到所选订单的详情</translation>
    </message>
    <message>
        <source>New after-sales case…</source>
        <translation>新建售后单…</translation>
    </message>
    <message>
        <source>One page per order with its lines and the buyer&apos;s note: the selected orders, else the paid ones shown</source>
        <translation>每个订单一页，含商品明细和买家留言：所选订单，未选时为当前列表中已付款的订单</translation>
    </message>
    <message>
        <source>Open a return, refund, exchange or complaint case for the selected order</source>
        <translation>为所选订单新建退货、退款、换货或投诉等售后单</translation>
    </message>
    <message>
        <source>Open details</source>
        <translation>打开详情</translation>
    </message>
    <message>
        <source>Packing slips…</source>
        <translation>装箱单…</translation>
    </message>
    <message>
        <source>Pick list…</source>
        <translation>拣货单…</translation>
    </message>
    <message>
        <source>Read the orders again</source>
        <translation>重新读取订单</translation>
    </message>
    <message>
        <source>Record the courier and tracking number of the selected order and set it shipped</source>
        <translation>记录所选订单的快递公司和运单号，并设为已发货</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Seller note</source>
        <translation>商家备注</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <source>Set the selected orders to “{status}”</source>
        <translation>将所选订单设为“{status}”</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Units to pick per SKU: the selected orders, else the paid orders shown</source>
        <translation>按 SKU 汇总要拣的件数：所选订单，未选时为当前列表中已付款的订单</translation>
    </message>
    <message>
        <source>Write a courier or label-tool batch file of the selected or shown orders</source>
        <translation>为所选或当前列表中的订单生成快递公司或打单工具的批量文件</translation>
    </message>
    <message>
        <source>Write a note on the selected order</source>
        <translation>给所选订单写备注</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Needs review: check its status and lines, then set the status by hand</source>
        <translation>待核对：请检查状态和商品明细，再手动设置状态</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Orders flagged for review: a status or line the import could not place</source>
        <translation>标记为待核对的订单：导入时无法识别状态或商品</translation>
    </message>
    <message>
        <source>Overdue: it should have shipped by {time}</source>
        <translation>已超时：最晚应在 {time} 前发货</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Refunded {amount}</source>
        <translation>已退款 {amount}</translation>
    </message>
    <message>
        <source>Ship before this time; red once it has passed and the order is unshipped</source>
        <translation>须在此时间前发货；过时仍未发货则显示为红色</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>最晚发货</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The platform says: {status}</source>
        <translation>平台状态：{status}</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Units over all lines of the order</source>
        <translation>订单所有商品的总件数</translation>
    </message>
    <message>
        <source>What the buyer paid; refunds are in the tooltip</source>
        <translation>买家实付金额；退款见提示</translation>
    </message>
    <message>
        <source>When the order was placed, in this computer&apos;s time zone</source>
        <translation>下单时间（本机时区）</translation>
    </message>
    <message>
        <source>{order_no} ({source})</source>
        <translation>{order_no}（{source}）</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected, {amount} paid</source>
        <translation>
            <numerusform>已选 %n 个，实付 {amount}</numerusform>
        </translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Choose other filters, or clear them to see every order.</source>
        <translation>换个筛选条件，或清除筛选查看全部订单。</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Import your platform&apos;s order export (Ctrl+I) or take orders on the Live page.</source>
        <translation>导入平台导出的订单文件（Ctrl+I），或在直播页登记订单。</translation>
    </message>
    <message>
        <source>No orders match these filters</source>
        <translation>没有符合筛选条件的订单</translation>
    </message>
    <message>
        <source>No orders match “{text}”</source>
        <translation>没有与“{text}”匹配的订单</translation>
    </message>
    <message>
        <source>No orders yet</source>
        <translation>还没有订单</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Search for part of an order number, a buyer, a recipient, a SKU or a title.</source>
        <translation>可以搜索订单号、买家、收件人、SKU 或商品名的一部分。</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>设置状态</translation>
    </message>
    <message>
        <source>StreamDesk orders — {database}</source>
        <translation>StreamDesk 订单 — {database}</translation>
    </message>
    <message>
        <source>{shown} of {total} loaded; scroll for more</source>
        <translation>已加载 {shown} / {total}，向下滚动加载更多</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message numerus="yes">
        <source>%n critical check(s) failed in this show&apos;s pre-flight run:</source>
        <translation>
            <numerusform>本场开播前检查中有 %n 项关键检查未通过：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n critical check(s) not done yet:</source>
        <translation>
            <numerusform>还有 %n 项关键检查未做：</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Critical checks failed</source>
        <translation>关键检查未通过</translation>
    </message>
    <message>
        <source>Go live anyway</source>
        <translation>仍然开播</translation>
    </message>
    <message>
        <source>To go live anyway, say why. The reason is kept with the pre-flight run for the review.</source>
        <translation>如仍要开播，请写明原因。原因会和这次开播前检查一起保存，供复盘查看。</translation>
    </message>
    <message>
        <source>e.g. the backup mic is plugged in and tested</source>
        <translation>例如：已换上备用麦克风并试过音</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message numerus="yes">
        <source>No cost for %n product(s) sold</source>
        <translation>
            <numerusform>%n 个已售商品没有成本</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to review for this show yet</source>
        <translation>这场直播还没有可复盘的数据</translation>
    </message>
    <message>
        <source>This show has no orders and no platform data. Import the show&apos;s orders on the Orders page, and the platform&apos;s live data export (抖音 电商罗盘 minute trend, TikTok LIVE list, a 快手 or 视频号 summary) here with Import metrics; or type the totals from the platform&apos;s review screen.</source>
        <translation>这场直播没有订单，也没有平台数据。请在订单页导入本场订单，并在这里用“导入直播数据”导入平台的直播数据导出文件（抖音电商罗盘分钟趋势、TikTok LIVE 列表、快手或视频号汇总）；或者照着平台复盘页面手动填写汇总数据。</translation>
    </message>
</context>
<context>
    <name>PickerModel</name>
    <message>
        <source>Already in this segment</source>
        <translation>已在本环节中</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>No live price set: this is the list price</source>
        <translation>未设直播价：这是标价</translation>
    </message>
    <message>
        <source>Out of stock: linking it shows a conflict in the rundown</source>
        <translation>已售罄：关联后流程中会显示冲突</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>PlannedActualModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>调整后</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Over/under</source>
        <translation>超时/提前</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Skipped: this segment never ran</source>
        <translation>已跳过：这个环节没有播</translation>
    </message>
    <message>
        <source>The plan plus the minutes added or removed during the show</source>
        <translation>计划时长加上直播中增减的分钟</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>PlannedOrdersModel</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>商品行</translation>
    </message>
    <message>
        <source>Lines that match no SKU in the catalogue: you map them once after the import</source>
        <translation>在商品库中找不到 SKU 的商品行：导入后对应一次即可</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Rows {rows} of the file</source>
        <translation>文件第 {rows} 行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>未匹配</translation>
    </message>
</context>
<context>
    <name>PlatformsPage</name>
    <message>
        <source>New shows and imports start with these platforms.</source>
        <translation>新建节目和导入时默认选中这些平台。</translation>
    </message>
    <message>
        <source>Platforms you sell on</source>
        <translation>你开店的平台</translation>
    </message>
</context>
<context>
    <name>Poster</name>
    <message>
        <source>the file cannot be created</source>
        <translation>无法创建文件</translation>
    </message>
    <message>
        <source>the page cannot be painted</source>
        <translation>无法绘制页面</translation>
    </message>
</context>
<context>
    <name>PosterDesigner</name>
    <message>
        <source>A poster shows at most {limit} products. Untick one before adding another.</source>
        <translation>一张海报最多展示 {limit} 个商品。请先取消勾选一个，再添加新的。</translation>
    </message>
    <message>
        <source>A4 poster (print, 210 × 297 mm)</source>
        <translation>A4 海报（打印，210 × 297 毫米）</translation>
    </message>
    <message>
        <source>A5 flyer (print, 148 × 210 mm)</source>
        <translation>A5 传单（打印，148 × 210 毫米）</translation>
    </message>
    <message>
        <source>Blush pink</source>
        <translation>柔粉</translation>
    </message>
    <message>
        <source>Choose a show to design its booking poster.</source>
        <translation>选择一场直播，为它设计预约海报。</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Drawing the poster…</source>
        <translation>正在绘制海报…</translation>
    </message>
    <message>
        <source>Festive red</source>
        <translation>喜庆红</translation>
    </message>
    <message>
        <source>Fresh green</source>
        <translation>清新绿</translation>
    </message>
    <message>
        <source>Minimal black and white</source>
        <translation>极简黑白</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>夜色</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>优惠活动</translation>
    </message>
    <message>
        <source>QR caption</source>
        <translation>二维码说明</translation>
    </message>
    <message>
        <source>Reading the show…</source>
        <translation>正在读取直播信息…</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>Some text is too long even at the smallest size and was cut with “…”; shorten it.</source>
        <translation>有文字太长，缩到最小字号仍放不下，已用“…”截断；请缩短文字。</translation>
    </message>
    <message>
        <source>Square 1:1 (1080 × 1080 px)</source>
        <translation>方图 1:1（1080 × 1080 像素）</translation>
    </message>
    <message>
        <source>Story 9:16 (1080 × 1920 px)</source>
        <translation>竖版 9:16（1080 × 1920 像素）</translation>
    </message>
    <message>
        <source>The QR code&apos;s dots would print {module} mm wide, below the 0.4 mm phones read reliably. Use a shorter booking link or a larger template.</source>
        <translation>二维码的每个小方块打印出来只有 {module} 毫米，小于手机能稳定识别的 0.4 毫米。请换用更短的预约链接或更大的模板。</translation>
    </message>
    <message>
        <source>The {part} is too long even at the smallest size and was cut with “…”; shorten it.</source>
        <translation>{part}太长，缩到最小字号仍放不下，已用“…”截断；请缩短文字。</translation>
    </message>
    <message>
        <source>The {part} was made smaller to fit its space.</source>
        <translation>{part}的字号已缩小，以放进版面。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Xiaohongshu 3:4 (1080 × 1440 px)</source>
        <translation>小红书 3:4（1080 × 1440 像素）</translation>
    </message>
    <message>
        <source>countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>name of product {number}</source>
        <translation>第 {number} 个商品的名称</translation>
    </message>
    <message>
        <source>promotion text</source>
        <translation>优惠活动文字</translation>
    </message>
    <message>
        <source>shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>{file} could not be read as a picture; choose a PNG or JPEG logo.</source>
        <translation>{file} 无法作为图片读取；请选择 PNG 或 JPEG 格式的 Logo。</translation>
    </message>
</context>
<context>
    <name>PosterExport</name>
    <message>
        <source>Checking that every QR code scans…</source>
        <translation>正在检查每个二维码能否扫出…</translation>
    </message>
    <message>
        <source>Drawing the poster pages…</source>
        <translation>正在绘制海报页面…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was saved.</source>
        <translation>已取消导出，没有保存任何文件。</translation>
    </message>
    <message>
        <source>Export one poster per channel</source>
        <translation>每个渠道导出一张海报</translation>
    </message>
    <message>
        <source>Export poster as PDF</source>
        <translation>导出海报为 PDF</translation>
    </message>
    <message>
        <source>Export poster as PNG</source>
        <translation>导出海报为 PNG</translation>
    </message>
    <message>
        <source>One page per booking link, each with its own QR code, in one PDF</source>
        <translation>每个预约链接一页，各带自己的二维码，合成一个 PDF</translation>
    </message>
    <message>
        <source>One per channel (PDF)…</source>
        <translation>每个渠道一张（PDF）…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Print poster</source>
        <translation>打印海报</translation>
    </message>
    <message>
        <source>Print the poster on a printer</source>
        <translation>用打印机打印海报</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save the poster as a PDF to print</source>
        <translation>将海报保存为 PDF，用于打印</translation>
    </message>
    <message>
        <source>Save the poster as a picture to post (print sizes at 300 dpi)</source>
        <translation>将海报保存为图片，用于发布（打印尺寸为 300 dpi）</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n poster(s), one per channel, as {path}.</source>
        <translation>
            <numerusform>已保存 %n 张海报（每个渠道一张），文件为 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the poster as {path}.</source>
        <translation>海报已保存为 {path}。</translation>
    </message>
    <message>
        <source>The poster was sent to the printer.</source>
        <translation>海报已发送到打印机。</translation>
    </message>
    <message>
        <source>This show has no booking links yet. Add one on the Booking links tab first.</source>
        <translation>这场直播还没有预约链接。请先在“预约链接”页添加。</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n poster(s)…</source>
        <translation>
            <numerusform>正在生成 %n 张海报…</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the poster PDF…</source>
        <translation>正在生成海报 PDF…</translation>
    </message>
    <message>
        <source>Writing the poster picture…</source>
        <translation>正在生成海报图片…</translation>
    </message>
    <message>
        <source>show</source>
        <translation>直播</translation>
    </message>
    <message>
        <source>{show} poster {template}</source>
        <translation>{show} 海报 {template}</translation>
    </message>
    <message>
        <source>{show} posters per channel</source>
        <translation>{show} 各渠道海报</translation>
    </message>
</context>
<context>
    <name>PosterForm</name>
    <message>
        <source>Add a booking link on the Booking links tab to put a QR on the poster.</source>
        <translation>在“预约链接”页添加预约链接后，海报上才会有二维码。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Choose your shop logo</source>
        <translation>选择店铺 Logo</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>不加 Logo</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>海报</translation>
    </message>
    <message>
        <source>Poster language</source>
        <translation>海报语言</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Put back the texts made from the show, forgetting your edits</source>
        <translation>放弃你的修改，恢复根据直播生成的文字</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>Reset texts</source>
        <translation>恢复默认文字</translation>
    </message>
    <message>
        <source>Shop logo</source>
        <translation>店铺 Logo</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>This show&apos;s rundown has no products yet.</source>
        <translation>这场直播的流程里还没有商品。</translation>
    </message>
    <message>
        <source>Your shop logo, shown round beside the shop name (PNG or JPEG)</source>
        <translation>店铺 Logo，以圆形显示在店铺名称旁（PNG 或 JPEG）</translation>
    </message>
    <message>
        <source>{chosen} of at most {limit} products on the poster</source>
        <translation>海报上已选 {chosen} 个商品，最多 {limit} 个</translation>
    </message>
</context>
<context>
    <name>PreflightCommands</name>
    <message>
        <source>Add the checklist “{name}”</source>
        <translation>添加检查清单“{name}”</translation>
    </message>
    <message>
        <source>Delete the checklist “{name}”</source>
        <translation>删除检查清单“{name}”</translation>
    </message>
    <message>
        <source>Edit the checklist “{name}”</source>
        <translation>编辑检查清单“{name}”</translation>
    </message>
    <message>
        <source>Finish the pre-flight run</source>
        <translation>完成开播前检查</translation>
    </message>
    <message>
        <source>Make “{name}” the default checklist</source>
        <translation>把“{name}”设为默认检查清单</translation>
    </message>
    <message>
        <source>Reopen the pre-flight run</source>
        <translation>重新打开开播前检查</translation>
    </message>
    <message>
        <source>Start the pre-flight run ({template})</source>
        <translation>开始开播前检查（{template}）</translation>
    </message>
</context>
<context>
    <name>PreflightGate</name>
    <message numerus="yes">
        <source>%n critical check(s) not done yet:</source>
        <translation>
            <numerusform>还有 %n 项关键检查未做：</numerusform>
        </translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <source>Go live anyway?</source>
        <translation>仍然开播吗？</translation>
    </message>
    <message>
        <source>No pre-flight run</source>
        <translation>没有开播前检查</translation>
    </message>
    <message>
        <source>No pre-flight run for this show. Go live anyway?</source>
        <translation>这场直播还没有做开播前检查。仍然开播吗？</translation>
    </message>
    <message>
        <source>Pre-flight not finished</source>
        <translation>开播前检查未完成</translation>
    </message>
</context>
<context>
    <name>PreflightLabels</name>
    <message>
        <source>Automatic check</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Computer (disk, power, clock)</source>
        <translation>电脑（磁盘、电源、时钟）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>GO</source>
        <translation>可以开播</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>NO-GO</source>
        <translation>不能开播</translation>
    </message>
    <message>
        <source>Network (latency and upload)</source>
        <translation>网络（延迟和上传）</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Script check (risky claims)</source>
        <translation>话术检查（违规用语）</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Sound output (test tone)</source>
        <translation>声音输出（测试音）</translation>
    </message>
    <message>
        <source>Test checkout</source>
        <translation>测试下单</translation>
    </message>
    <message>
        <source>Tick by hand</source>
        <translation>手动勾选</translation>
    </message>
    <message>
        <source>Type a value</source>
        <translation>填写数值</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>PreflightLine</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>GO at {time}</source>
        <translation>{time} 检查通过，可以开播</translation>
    </message>
    <message>
        <source>NO-GO: {items}</source>
        <translation>不宜开播：{items}</translation>
    </message>
    <message>
        <source>Pre-flight:</source>
        <translation>开播前检查：</translation>
    </message>
    <message>
        <source>due since {time}, not started</source>
        <translation>{time} 起就该检查了，尚未开始</translation>
    </message>
    <message>
        <source>due {time}</source>
        <translation>应在 {time} 检查</translation>
    </message>
    <message>
        <source>in progress since {time}: {checked} of {total} checked</source>
        <translation>{time} 起进行中：已查 {checked}/{total} 项</translation>
    </message>
    <message numerus="yes">
        <source>incomplete: %n critical check(s) not done</source>
        <translation>
            <numerusform>未完成：%n 项关键检查未做</numerusform>
        </translation>
    </message>
    <message>
        <source>no run</source>
        <translation>未做检查</translation>
    </message>
    <message>
        <source>no run yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>went live anyway: “{reason}”</source>
        <translation>仍已开播：“{reason}”</translation>
    </message>
    <message>
        <source>{item} ({value})</source>
        <translation>{item}（{value}）</translation>
    </message>
</context>
<context>
    <name>PreflightNotifier</name>
    <message>
        <source>Pre-flight check due for {show}: it starts {time} ({relative}).</source>
        <translation>{show} 该做开播前检查了：直播于 {time}（{relative}）开始。</translation>
    </message>
    <message>
        <source>Pre-flight check due — {show}</source>
        <translation>该做开播前检查了 — {show}</translation>
    </message>
    <message>
        <source>StreamDesk pre-flight reminders</source>
        <translation>StreamDesk 开播前检查提醒</translation>
    </message>
    <message>
        <source>The show starts {time} ({relative}). Test the rig now: mic, network, test order.</source>
        <translation>直播将于 {time}（{relative}）开始。现在检查设备：麦克风、网络、测试下单。</translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>检查清单：</translation>
    </message>
    <message>
        <source>Deleted the pre-flight run.</source>
        <translation>已删除这次开播前检查。</translation>
    </message>
    <message>
        <source>Finish run</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message numerus="yes">
        <source>History (%n run(s))</source>
        <translation>
            <numerusform>历史记录（%n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>No pre-flight run for this show yet</source>
        <translation>这场直播还没有开播前检查</translation>
    </message>
    <message>
        <source>No shows yet. Plan a show on the Shows page first; its pre-flight checklist is run here 2–3 hours before it goes live.</source>
        <translation>还没有直播。请先在“直播场次”页面安排一场直播；开播前 2–3 小时在这里进行开播前检查。</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo: {step} (Ctrl+Shift+Z)</source>
        <translation>重做：{step}（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>直播：</translation>
    </message>
    <message>
        <source>Start a pre-flight run 2–3 hours before going live. It walks you through the phone, light, sound, network and a test order, measures what StreamDesk can measure (mic level, upload speed, free disk) and tells you GO or NO-GO.</source>
        <translation>请在开播前 2–3 小时开始开播前检查：逐项检查手机、灯光、声音、网络和测试订单，自动测量能测的项目（麦克风音量、上传速度、磁盘空间），最后告诉你“可以开播”还是“不能开播”。</translation>
    </message>
    <message>
        <source>Start pre-flight run</source>
        <translation>开始开播前检查</translation>
    </message>
    <message>
        <source>Start the checklist for this show</source>
        <translation>为这场直播开始检查清单</translation>
    </message>
    <message>
        <source>Store the verdict of this run</source>
        <translation>保存这次检查的结论</translation>
    </message>
    <message>
        <source>StreamDesk pre-flight — {database}</source>
        <translation>StreamDesk 开播前检查 — {database}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo: {step} (Ctrl+Z)</source>
        <translation>撤销：{step}（Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>PreflightSettingsBox</name>
    <message>
        <source> min before the show</source>
        <translation> 分钟（开播前）</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>检查时间(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Latency hosts:</source>
        <translation>延迟测试地址(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Upload test address:</source>
        <translation>上传测试地址(&amp;U)：</translation>
    </message>
    <message>
        <source>An address that accepts an HTTP POST, e.g. a test endpoint of your own server or streaming tool</source>
        <translation>一个接受 HTTP POST 的地址，例如你自己的服务器或推流工具的测试接口</translation>
    </message>
    <message>
        <source>Pre-flight checks</source>
        <translation>开播前检查</translation>
    </message>
    <message>
        <source>The upload test address must start with http:// or https://, or be left empty.</source>
        <translation>上传测试地址必须以 http:// 或 https:// 开头，或者留空。</translation>
    </message>
    <message>
        <source>Thresholds of the microphone check are in settings.toml ([preflight]).</source>
        <translation>麦克风检查的阈值在 settings.toml 的 [preflight] 中设置。</translation>
    </message>
    <message>
        <source>Upload needed for 1080p:</source>
        <translation>1080p 所需上传带宽：</translation>
    </message>
    <message>
        <source>host:port pairs, separated by commas; the connection time to each is measured</source>
        <translation>“主机:端口”，用逗号分隔；逐个测量连接时间</translation>
    </message>
    <message>
        <source>https://… (empty: no upload test)</source>
        <translation>https://…（留空则不测上传）</translation>
    </message>
    <message>
        <source>“{host}” is not a host:port pair such as www.qq.com:443.</source>
        <translation>“{host}”不是“主机:端口”格式，例如 www.qq.com:443。</translation>
    </message>
</context>
<context>
    <name>PreflightTexts</name>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n risky wording(s)</source>
        <translation>
            <numerusform>%n 处违规用语</numerusform>
        </translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Clipped samples</source>
        <translation>削波采样</translation>
    </message>
    <message>
        <source>Clock off by</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Connect time</source>
        <translation>连接耗时</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Free disk</source>
        <translation>磁盘剩余</translation>
    </message>
    <message>
        <source>Instead: {suggestion}</source>
        <translation>建议改为：{suggestion}</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Loudness (RMS)</source>
        <translation>响度（RMS）</translation>
    </message>
    <message>
        <source>Name lookup (DNS)</source>
        <translation>域名解析（DNS）</translation>
    </message>
    <message>
        <source>No planned start: set one on the Shows page to get a due time for the pre-flight.</source>
        <translation>还没有计划开播时间：请在“直播场次”页面设置，才能算出开播前检查的时间。</translation>
    </message>
    <message>
        <source>No risky wording</source>
        <translation>没有违规用语</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>电源</translation>
    </message>
    <message>
        <source>Pre-flight due {time}, {relative} · show starts {start}</source>
        <translation>开播前检查时间 {time}（{relative}）· 开播 {start}</translation>
    </message>
    <message>
        <source>Pre-flight was due {time}; the show started {relative}.</source>
        <translation>开播前检查应在 {time} 进行；直播已于{relative}开始。</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录音时长</translation>
    </message>
    <message>
        <source>Risky wordings</source>
        <translation>违规用语</translation>
    </message>
    <message>
        <source>Test order</source>
        <translation>测试订单</translation>
    </message>
    <message>
        <source>Tone heard</source>
        <translation>听到测试音</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>填写值</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>at least {value}</source>
        <translation>至少 {value}</translation>
    </message>
    <message>
        <source>at most {value}</source>
        <translation>最多 {value}</translation>
    </message>
    <message>
        <source>in {amount}</source>
        <translation>{amount}后</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>{amount} ago</source>
        <translation>{amount}前</translation>
    </message>
    <message>
        <source>{hours} {minutes}</source>
        <translation>{hours} {minutes}</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: fix these first, then check again.</source>
        <translation>
            <numerusform>……还有 %n 处：先改好上面这些，再检查一次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrepareView</name>
    <message numerus="yes">
        <source>%n finished run(s) of this show.</source>
        <translation>
            <numerusform>这场直播已完成 %n 次计时。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), {length} in all, planned to start {start}.</source>
        <translation>
            <numerusform>共 %n 个环节，总长 {length}，计划 {start} 开始。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), {length} in all.</source>
        <translation>
            <numerusform>共 %n 个环节，总长 {length}。</numerusform>
        </translation>
    </message>
    <message>
        <source>A rehearsal started at {started} was never ended. Resume it to carry on.</source>
        <translation>{started} 开始的彩排没有结束。点“继续”接着彩排。</translation>
    </message>
    <message>
        <source>How earlier runs of this show went, segment by segment</source>
        <translation>这场直播以往每个环节的用时</translation>
    </message>
    <message>
        <source>Loading the rundown…</source>
        <translation>正在读取流程…</translation>
    </message>
    <message>
        <source>No runs yet.</source>
        <translation>还没有计时记录。</translation>
    </message>
    <message>
        <source>Planned vs actual…</source>
        <translation>计划与实际…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>This show has no segments yet. Add them on the Shows page, then come back to go live.</source>
        <translation>这场直播还没有环节。请先在“直播计划”页面添加环节，再回来开播。</translation>
    </message>
    <message>
        <source>This show went live at {started} and was never ended (StreamDesk was closed or stopped). Resume it to carry on: the show clock kept counting meanwhile.</source>
        <translation>这场直播于 {started} 开播，但没有结束（StreamDesk 被关闭或意外退出）。点“继续”接着播：这段时间里直播计时一直在走。</translation>
    </message>
</context>
<context>
    <name>PresenterDemo</name>
    <message>
        <source>Closing: preview of the next show</source>
        <translation>结束：预告下一场</translation>
    </message>
    <message>
        <source>Flash sale: linen shirt at ¥99</source>
        <translation>秒杀：亚麻衬衫 99 元</translation>
    </message>
    <message>
        <source>Linen summer shirt: try-on and pitch</source>
        <translation>夏季亚麻衬衫：试穿讲解</translation>
    </message>
    <message>
        <source>Opening and welcome</source>
        <translation>开场欢迎</translation>
    </message>
    <message>
        <source>Questions and lucky draw</source>
        <translation>互动答疑与抽奖</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>Close presenter</source>
        <translation>关闭计时屏</translation>
    </message>
    <message>
        <source>Compact, always on top</source>
        <translation>小窗并置顶</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Keys…</source>
        <translation>按键说明…</translation>
    </message>
    <message>
        <source>Live show keys</source>
        <translation>直播按键</translation>
    </message>
    <message>
        <source>Move to screen</source>
        <translation>移到屏幕</translation>
    </message>
    <message>
        <source>Screen {number}: {name} ({width}×{height})</source>
        <translation>屏幕 {number}：{name}（{width}×{height}）</translation>
    </message>
    <message>
        <source>StreamDesk presenter</source>
        <translation>StreamDesk 主播计时屏</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Stock after</source>
        <translation>导入后库存</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n line(s) match no SKU in your catalogue. They are imported without taking stock and wait under “Needs review” until you map them; each mapping is remembered.</source>
        <translation>
            <numerusform>有 %n 个商品行在商品库中找不到 SKU。它们会被导入但暂不扣库存，在“待处理”中等你对应；每次对应都会被记住。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be imported and will be skipped:</source>
        <translation>
            <numerusform>有 %n 行无法导入，将被跳过：</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the orders, then import</source>
        <translation>核对订单，然后导入</translation>
    </message>
    <message>
        <source>Custom mapping…</source>
        <translation>自定义对应…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Format: {preset} · Excel workbook</source>
        <translation>格式：{preset} · Excel 工作簿</translation>
    </message>
    <message>
        <source>Format: {preset} · text encoding: {encoding}</source>
        <translation>格式：{preset} · 文字编码：{encoding}</translation>
    </message>
    <message>
        <source>No show</source>
        <translation>不关联场次</translation>
    </message>
    <message>
        <source>Orders to add: {added} · to update: {updated} · unchanged: {unchanged} · order lines: {lines} (from {rows} rows). Nothing has been saved yet.</source>
        <translation>新增订单：{added} · 更新：{updated} · 无变化：{unchanged} · 商品行：{lines}（共 {rows} 行）。尚未保存任何数据。</translation>
    </message>
    <message>
        <source>Problems (these rows are skipped)</source>
        <translation>问题（这些行将被跳过）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播场次</translation>
    </message>
    <message numerus="yes">
        <source>Skip the %n row(s) above and import the rest</source>
        <translation>
            <numerusform>跳过以上 %n 行，导入其余订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Step 3 of 3: check and import</source>
        <translation>第 3 步（共 3 步）：检查并导入</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>The file adds or changes no order.</source>
        <translation>这个文件没有新增或改动任何订单。</translation>
    </message>
    <message>
        <source>The file changes nothing in your catalogue.</source>
        <translation>这个文件不会改变商品目录中的任何内容。</translation>
    </message>
    <message>
        <source>The table shows the first {shown} rows.</source>
        <translation>表中显示前 {shown} 行。</translation>
    </message>
    <message>
        <source>This format is known only from partial documentation and may have changed: check that each field takes the right column (Format → Custom mapping…) before importing.</source>
        <translation>这种格式只有部分公开资料，平台可能已经改动：导入前请检查每个字段是否对应了正确的列（格式 → 自定义对应…）。</translation>
    </message>
    <message>
        <source>{rows} rows checked: {added} SKUs to add, {updated} to update, {unchanged} unchanged, {skipped} rows to skip. Nothing has been saved yet.</source>
        <translation>已检查 {rows} 行：将新增 {added} 个 SKU，更新 {updated} 个，{unchanged} 个无变化，跳过 {skipped} 行。目前还没有保存任何数据。</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Check the scripts (Ctrl+R)</source>
        <translation>检查话术 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Check this computer (Ctrl+R)</source>
        <translation>检查这台电脑（Ctrl+R）</translation>
    </message>
    <message>
        <source>Critical: a failure here means NO-GO.</source>
        <translation>关键项：这一项未通过就不能开播。</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Did you hear the tone in your headphones or speakers?</source>
        <translation>耳机或音箱里听到测试音了吗？</translation>
    </message>
    <message>
        <source>Failed (F)</source>
        <translation>未通过（F）</translation>
    </message>
    <message>
        <source>Link:</source>
        <translation>链接：</translation>
    </message>
    <message>
        <source>Look for cameras (Ctrl+R)</source>
        <translation>查找摄像头（Ctrl+R）</translation>
    </message>
    <message>
        <source>No, nothing</source>
        <translation>没有声音</translation>
    </message>
    <message>
        <source>Paid: the payment went through on the phone</source>
        <translation>已支付：手机上付款成功</translation>
    </message>
    <message>
        <source>Passed (Space)</source>
        <translation>通过（空格）</translation>
    </message>
    <message>
        <source>Paste the test product&apos;s or the shop&apos;s link</source>
        <translation>粘贴测试商品或店铺的链接</translation>
    </message>
    <message>
        <source>Pick a line of the checklist to see how to check it and what was measured.</source>
        <translation>在检查清单中选一行，查看检查方法和测量结果。</translation>
    </message>
    <message>
        <source>Play the test tone (Ctrl+R)</source>
        <translation>播放测试音（Ctrl+R）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record the test order</source>
        <translation>记录测试订单</translation>
    </message>
    <message>
        <source>Record {seconds} s and measure the mic (Ctrl+R)</source>
        <translation>录音 {seconds} 秒并测量麦克风（Ctrl+R）</translation>
    </message>
    <message>
        <source>Select a check</source>
        <translation>请选择一项检查</translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation>跳过（S）</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Take a snapshot</source>
        <translation>拍一张快照</translation>
    </message>
    <message>
        <source>Test order no.:</source>
        <translation>测试订单号：</translation>
    </message>
    <message>
        <source>Test the network (Ctrl+R)</source>
        <translation>测试网络（Ctrl+R）</translation>
    </message>
    <message>
        <source>The camera gave no picture.</source>
        <translation>摄像头没有画面。</translation>
    </message>
    <message>
        <source>Type the value</source>
        <translation>填写数值</translation>
    </message>
    <message>
        <source>Type the value ({limits})</source>
        <translation>填写数值（{limits}）</translation>
    </message>
    <message>
        <source>Yes, I heard it</source>
        <translation>听到了</translation>
    </message>
    <message>
        <source>e.g. 3721 0045 8812</source>
        <translation>例如 3721 0045 8812</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <source>{status} at {time}</source>
        <translation>{status}，{time}</translation>
    </message>
    <message>
        <source>{status} · {value}</source>
        <translation>{status} · {value}</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>……还有 %n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>Add SKU</source>
        <translation>添加 SKU</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <source>Fill in at least the title and one SKU code, then save.</source>
        <translation>至少填写商品标题和一个 SKU 编码，然后保存。</translation>
    </message>
    <message>
        <source>Fix the fields marked in red to save.</source>
        <translation>请先修改标红的字段，再保存。</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Product and SKUs</source>
        <translation>商品与 SKU</translation>
    </message>
    <message>
        <source>Remove SKU</source>
        <translation>删除 SKU</translation>
    </message>
    <message>
        <source>SKUs (one row per spec)</source>
        <translation>SKU（每个规格一行）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Selling points and FAQ</source>
        <translation>卖点与常见问题</translation>
    </message>
    <message>
        <source>Supplier and shipping</source>
        <translation>供应商与发货</translation>
    </message>
</context>
<context>
    <name>ProductFields</name>
    <message>
        <source>Alt title</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Claims the host must not make, e.g. medical effects</source>
        <translation>主播不能说的宣传用语，例如医疗功效</translation>
    </message>
    <message>
        <source>Compliance notes</source>
        <translation>合规提示</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>One per line: what makes it worth buying</source>
        <translation>每行一条：值得买的理由</translation>
    </message>
    <message>
        <source>Questions viewers ask, each with its answer</source>
        <translation>观众常问的问题及回答</translation>
    </message>
    <message>
        <source>Restock lead time (days)</source>
        <translation>补货周期（天）</translation>
    </message>
    <message>
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <source>Separated by commas, e.g. 爆款, 新品</source>
        <translation>用逗号分隔，例如：爆款，新品</translation>
    </message>
    <message>
        <source>Shipping time (days)</source>
        <translation>发货周期（天）</translation>
    </message>
    <message>
        <source>Ships from</source>
        <translation>发货地</translation>
    </message>
    <message>
        <source>Show role</source>
        <translation>排品定位</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier contact</source>
        <translation>供应商联系方式</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <source>The name in your other language</source>
        <translation>商品的英文名或其他语言名称</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>商品标题 *</translation>
    </message>
    <message>
        <source>What the host says, in order</source>
        <translation>主播按顺序要讲的内容</translation>
    </message>
    <message>
        <source>What viewers see, e.g. 冰丝防晒衣</source>
        <translation>观众看到的名称，例如：冰丝防晒衣</translation>
    </message>
    <message>
        <source>e.g. 浙江 义乌</source>
        <translation>例如：浙江 义乌</translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) found</source>
        <translation>
            <numerusform>找到 %n 个 SKU</numerusform>
        </translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add products to the segment</source>
        <translation>为环节添加商品</translation>
    </message>
    <message>
        <source>Search title, SKU, barcode or tag</source>
        <translation>搜索标题、SKU、条码或标签</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total} SKUs; type more to narrow the search.</source>
        <translation>显示 {total} 个 SKU 中的前 {shown} 个；多输入几个字可缩小范围。</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>Best seller</source>
        <translation>卖得最好</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交金额</translation>
    </message>
    <message>
        <source>GMV − refunds − cost; blank when the cost is unknown</source>
        <translation>成交金额 − 退款 − 成本；成本未知时留空</translation>
    </message>
    <message>
        <source>Order lines that match no SKU in the catalogue, grouped by their title</source>
        <translation>未匹配到商品库 SKU 的订单行，按标题归组</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>利润</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Share of show</source>
        <translation>占本场比例</translation>
    </message>
    <message>
        <source>Slowest seller</source>
        <translation>卖得最差</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Target met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Target missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Target units</source>
        <translation>目标件数</translation>
    </message>
    <message>
        <source>The SKU target set on the show&apos;s plan</source>
        <translation>直播计划里为这个 SKU 设定的目标</translation>
    </message>
    <message>
        <source>This product&apos;s GMV ÷ the show&apos;s GMV</source>
        <translation>本商品成交金额 ÷ 本场成交金额</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Units × the SKU&apos;s cost in the catalogue; blank when the cost is unknown</source>
        <translation>件数 × 商品库中该 SKU 的成本；成本未知时留空</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message numerus="yes">
        <source>%n product(s) without a cost in the catalogue: their profit stays blank.</source>
        <translation>
            <numerusform>有 %n 个商品在商品库里没有成本，它们的利润留空。</numerusform>
        </translation>
    </message>
    <message>
        <source>No products sold in this show</source>
        <translation>这场直播没有卖出商品</translation>
    </message>
    <message>
        <source>Per-product results come from the show&apos;s orders: import them on the Orders page, or capture sales on the Live page during the show.</source>
        <translation>单品数据来自本场订单：请在订单页导入，或在直播时于直播页录入成交。</translation>
    </message>
</context>
<context>
    <name>QrOptions</name>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>背景颜色</translation>
    </message>
    <message>
        <source>Centre logo</source>
        <translation>中心 Logo</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择 Logo</translation>
    </message>
    <message>
        <source>Code colour</source>
        <translation>码点颜色</translation>
    </message>
    <message>
        <source>Colour behind the code, quiet zone included</source>
        <translation>二维码背后的颜色（含四周留白）</translation>
    </message>
    <message>
        <source>Colour of the dark modules; keep it much darker than the background</source>
        <translation>深色码点的颜色；要比背景深得多</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Could not read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>Error correction</source>
        <translation>纠错等级</translation>
    </message>
    <message>
        <source>H — sturdiest (30 %)</source>
        <translation>H — 最耐损（30%）</translation>
    </message>
    <message>
        <source>How wide the code will be printed, quiet zone included</source>
        <translation>二维码打印出来的宽度（含四周留白）</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>L — smallest (7 %)</source>
        <translation>L — 码最小（7%）</translation>
    </message>
    <message>
        <source>Logo…</source>
        <translation>Logo…</translation>
    </message>
    <message>
        <source>M — recommended (15 %)</source>
        <translation>M — 推荐（15%）</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>不加 Logo</translation>
    </message>
    <message>
        <source>PNG resolution</source>
        <translation>PNG 分辨率</translation>
    </message>
    <message>
        <source>Printed size</source>
        <translation>打印尺寸</translation>
    </message>
    <message>
        <source>Put your shop logo in the centre; the code then uses error correction H to stay readable</source>
        <translation>在中心放店铺 Logo；此时二维码使用 H 级纠错以保证能扫出</translation>
    </message>
    <message>
        <source>Q — sturdier (25 %)</source>
        <translation>Q — 较耐损（25%）</translation>
    </message>
    <message>
        <source>Resolution of saved PNG files; 300 dpi suits printing</source>
        <translation>保存 PNG 的分辨率；打印用 300 dpi 即可</translation>
    </message>
    <message>
        <source>With a logo the code always uses H, the sturdiest level</source>
        <translation>加了 Logo 的二维码总是使用最耐损的 H 级</translation>
    </message>
    <message>
        <source>the file is larger than 5 MB</source>
        <translation>文件超过 5 MB</translation>
    </message>
</context>
<context>
    <name>QrPreview</name>
    <message>
        <source>Copied the code as an image.</source>
        <translation>已把二维码复制为图片。</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Copy the code as an image, to paste into a post or a design tool</source>
        <translation>把二维码复制为图片，可粘贴到帖子或设计软件中</translation>
    </message>
    <message>
        <source>Not checked: the QR decoder (zxing-cpp) is not installed. Scan it with a phone before printing.</source>
        <translation>未校验：没有安装二维码解码器（zxing-cpp）。打印前请先用手机扫一下。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Printed {size} mm wide, each module is {module} mm.</source>
        <translation>按 {size} 毫米宽打印时，每个模块 {module} 毫米。</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Save QR code as PNG</source>
        <translation>将二维码保存为 PNG</translation>
    </message>
    <message>
        <source>Save QR code as SVG</source>
        <translation>将二维码保存为 SVG</translation>
    </message>
    <message>
        <source>Save SVG…</source>
        <translation>保存 SVG…</translation>
    </message>
    <message>
        <source>Save the code as a PNG image at its print size and 300 dpi</source>
        <translation>按打印尺寸以 300 dpi 保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Save the code as an SVG drawing that prints sharp at any size</source>
        <translation>保存为 SVG 矢量图，任何尺寸打印都清晰</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
    <message>
        <source>Version {version}, {modules}×{modules} modules, error correction {ecc}</source>
        <translation>版本 {version}，{modules}×{modules} 个模块，纠错等级 {ecc}</translation>
    </message>
    <message>
        <source>Version {version}, {modules}×{modules} modules, error correction {ecc} (for the logo)</source>
        <translation>版本 {version}，{modules}×{modules} 个模块，纠错等级 {ecc}（因中心 Logo）</translation>
    </message>
    <message>
        <source>✓ Checked: a scanner reads it back as the link.</source>
        <translation>✓ 已校验：扫码可读出这个链接。</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>&amp;Choose another backup…</source>
        <translation>选择其他备份(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Restore this backup</source>
        <translation>恢复这个备份(&amp;R)</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>Newest good backup: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;saved {saved}; {products} products, {orders} orders, {shows} shows</source>
        <translation>最新的完好备份：&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;保存于 {saved}；{products} 个商品、{orders} 个订单、{shows} 场直播</translation>
    </message>
    <message>
        <source>No good backup was found in {folder}. Choose one from another place (a USB stick, a cloud folder), or start with an empty shop.</source>
        <translation>在 {folder} 中没有找到完好的备份。可以从别处（U 盘、网盘文件夹）选择一个，或从空店铺开始。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Start with an &amp;empty shop</source>
        <translation>从空店铺开始(&amp;E)</translation>
    </message>
    <message>
        <source>Start with an empty shop?</source>
        <translation>从空店铺开始？</translation>
    </message>
    <message>
        <source>StreamDesk backups (*.streamdesk *.sqlite3);;All files (*)</source>
        <translation>StreamDesk 备份 (*.streamdesk *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>StreamDesk starts with no products, shows or orders. The damaged file is kept aside.</source>
        <translation>StreamDesk 将从没有商品、直播和订单的状态开始。损坏的文件会另外保存。</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>This backup cannot be used</source>
        <translation>这个备份无法使用</translation>
    </message>
    <message>
        <source>Whatever you choose, the damaged file is kept beside the database as {name}.damaged-… (nothing is deleted), so it can still be sent to someone who can rescue more from it.</source>
        <translation>无论选择哪一项，损坏的文件都会以 {name}.damaged-… 的名字保留在数据库旁边（不会删除任何东西），以后仍可交给能从中抢救更多数据的人。</translation>
    </message>
</context>
<context>
    <name>ResultTable</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the whole table</source>
        <translation>复制整个表格</translation>
    </message>
</context>
<context>
    <name>ReviewCharts</name>
    <message numerus="yes">
        <source>Average of the last %n show(s)</source>
        <translation>
            <numerusform>最近 %n 场平均</numerusform>
        </translation>
    </message>
    <message>
        <source>Bars show</source>
        <translation>柱状图显示</translation>
    </message>
    <message>
        <source>Each show that has been streamed becomes a point here, with its orders and the metrics imported for it. Pick another platform if you filtered the shows.</source>
        <translation>每场播过的直播都会在这里成为一个点，包括它的订单和导入的数据。如果按平台筛选过，可以换一个平台看看。</translation>
    </message>
    <message>
        <source>Enter the show&apos;s totals (Enter totals…) or import the platform&apos;s summary export: exposures, viewers, product exposures and clicks fill the funnel down to the orders.</source>
        <translation>请填写本场汇总数据（“填写汇总…”）或导入平台的直播汇总导出文件：曝光、观看、商品曝光和点击会一路填到订单。</translation>
    </message>
    <message>
        <source>Flash sale</source>
        <translation>秒杀</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>转化漏斗</translation>
    </message>
    <message>
        <source>GMV per minute</source>
        <translation>每分钟成交额</translation>
    </message>
    <message>
        <source>GMV per minute (platform data)</source>
        <translation>每分钟成交额（平台数据）</translation>
    </message>
    <message>
        <source>GMV per minute (your orders)</source>
        <translation>每分钟成交额（本店订单）</translation>
    </message>
    <message>
        <source>GMV per minute ({symbol})</source>
        <translation>每分钟成交额（{symbol}）</translation>
    </message>
    <message>
        <source>GMV this minute</source>
        <translation>本分钟成交额</translation>
    </message>
    <message>
        <source>Giveaway</source>
        <translation>福袋</translation>
    </message>
    <message>
        <source>Import the platform&apos;s minute trend export (Import metrics…) or capture orders during the show: viewers and sales per minute then appear here over the rundown&apos;s segments.</source>
        <translation>导入平台的分钟趋势导出文件（“导入数据…”），或在直播时录入订单：每分钟的在线人数和成交会显示在这里，并叠加流程段落。</translation>
    </message>
    <message>
        <source>Lucky draw</source>
        <translation>抽奖</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>No funnel data yet</source>
        <translation>还没有漏斗数据</translation>
    </message>
    <message>
        <source>No minute data for this show yet</source>
        <translation>这场直播还没有分钟数据</translation>
    </message>
    <message>
        <source>No rundown segments for this show</source>
        <translation>这场直播还没有流程段落</translation>
    </message>
    <message>
        <source>No shows to compare yet</source>
        <translation>还没有可对比的场次</translation>
    </message>
    <message>
        <source>None of these shows has this figure yet</source>
        <translation>这些场次都还没有这项数据</translation>
    </message>
    <message>
        <source>Orders per minute</source>
        <translation>每分钟订单数</translation>
    </message>
    <message>
        <source>Orders per minute (platform data)</source>
        <translation>每分钟订单数（平台数据）</translation>
    </message>
    <message>
        <source>Orders per minute (your orders)</source>
        <translation>每分钟订单数（本店订单）</translation>
    </message>
    <message>
        <source>Orders this minute</source>
        <translation>本分钟订单数</translation>
    </message>
    <message>
        <source>Plan the show&apos;s rundown on the Shows page (or run it with the live timer): each segment&apos;s orders, GMV and viewers are then compared here.</source>
        <translation>在“直播场次”页面排好这场的流程（或用直播计时器跑一遍），这里就会对比每个段落的订单、成交额和观看人数。</translation>
    </message>
    <message>
        <source>Results per segment</source>
        <translation>分段成绩</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Segments as planned</source>
        <translation>段落（按计划）</translation>
    </message>
    <message>
        <source>Segments as run</source>
        <translation>段落（按实际）</translation>
    </message>
    <message>
        <source>Share of the step above that reached this step</source>
        <translation>占上一步的比例（转化率）</translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation>直播时间线</translation>
    </message>
    <message>
        <source>The chart could not be saved as {path}. Choose another folder or file name and try again.</source>
        <translation>图表无法保存为 {path}。请换一个文件夹或文件名后重试。</translation>
    </message>
    <message>
        <source>Trends across shows</source>
        <translation>多场趋势</translation>
    </message>
    <message>
        <source>What the bars and the right axis show</source>
        <translation>柱状图和右侧坐标轴显示的指标</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>{clock} · {elapsed} into the show</source>
        <translation>{clock} · 开播后 {elapsed}</translation>
    </message>
    <message>
        <source>{elapsed} into the show</source>
        <translation>开播后 {elapsed}</translation>
    </message>
    <message>
        <source>{measure} needs the platforms&apos; data: import the metrics exports or enter the totals of a show, or choose another figure above.</source>
        <translation>“{measure}”需要平台数据：请导入数据导出文件或填写场次汇总，或在上方选择其他指标。</translation>
    </message>
    <message>
        <source>{series} (platform)</source>
        <translation>{series}（平台）</translation>
    </message>
</context>
<context>
    <name>ReviewCommands</name>
    <message>
        <source>Add the action “{text}”</source>
        <translation>添加待办“{text}”</translation>
    </message>
    <message>
        <source>Change the cost inputs</source>
        <translation>修改成本</translation>
    </message>
    <message>
        <source>Delete the action “{text}”</source>
        <translation>删除待办“{text}”</translation>
    </message>
    <message>
        <source>Edit the action “{text}”</source>
        <translation>修改待办“{text}”</translation>
    </message>
    <message>
        <source>Edit the review notes</source>
        <translation>修改复盘笔记</translation>
    </message>
    <message>
        <source>Enter the {platform} totals</source>
        <translation>填写{platform}汇总数据</translation>
    </message>
    <message>
        <source>Import “{file}”</source>
        <translation>导入“{file}”</translation>
    </message>
    <message>
        <source>Open “{text}” again</source>
        <translation>重新打开“{text}”</translation>
    </message>
    <message>
        <source>Tick “{text}” done</source>
        <translation>勾选完成“{text}”</translation>
    </message>
</context>
<context>
    <name>ReviewLabels</name>
    <message>
        <source>Ad spend</source>
        <translation>投流消耗</translation>
    </message>
    <message>
        <source>Against the show&apos;s budget lines.</source>
        <translation>对照本场的预算项。</translation>
    </message>
    <message>
        <source>Approximate: comments, likes and shares are counted, not the people who made them.</source>
        <translation>约数：统计的是评论、点赞和分享的次数，而不是人数。</translation>
    </message>
    <message>
        <source>Approximate: viewers are the entries of every minute added up, so someone who came back counts again.</source>
        <translation>约数：观看人数由每分钟进入人数相加而来，重复进入的人会被重复计算。</translation>
    </message>
    <message>
        <source>Approximate: worked out from the minute data.</source>
        <translation>约数：由分钟数据推算。</translation>
    </message>
    <message>
        <source>Average online</source>
        <translation>平均在线</translation>
    </message>
    <message>
        <source>Average online = mean of the viewers watching at once (several platforms: added).</source>
        <translation>平均在线 = 同时在线人数的平均值（多个平台：相加）。</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Average order value = GMV ÷ buyers (÷ orders when the buyers are not known).</source>
        <translation>客单价 = 成交金额 ÷ 成交人数（人数未知时 ÷ 订单数）。</translation>
    </message>
    <message>
        <source>Average watch time</source>
        <translation>人均观看时长</translation>
    </message>
    <message>
        <source>Average watch time = total watch time ÷ viewers: the platform&apos;s figure, else online viewers × sample length added up ÷ viewers (approx.).</source>
        <translation>人均观看时长 = 总观看时长 ÷ 观看人数：取平台数据，否则用各时段在线人数 × 时段长度之和 ÷ 观看人数（约数）。</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>成交人数</translation>
    </message>
    <message>
        <source>Buyers (platform)</source>
        <translation>成交人数（平台）</translation>
    </message>
    <message>
        <source>Buyers = different customers among those orders (an order without a customer counts as one).</source>
        <translation>成交人数 = 这些订单中不同的顾客数（没有顾客信息的订单各算一人）。</translation>
    </message>
    <message>
        <source>By amount, not by number of orders.</source>
        <translation>按金额，而不是按订单数。</translation>
    </message>
    <message>
        <source>Click-through rate = product clicks ÷ product exposures.</source>
        <translation>商品点击率 = 商品点击人数 ÷ 商品曝光人数。</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Counted from the platforms&apos; figures: StreamDesk has no orders of this show.</source>
        <translation>按平台数据统计：StreamDesk 中没有这场的订单。</translation>
    </message>
    <message>
        <source>Counted from the show&apos;s orders in StreamDesk.</source>
        <translation>按 StreamDesk 中本场的订单统计。</translation>
    </message>
    <message>
        <source>Counted within each interval (usually a minute), all platforms added.</source>
        <translation>每个时间间隔（通常为一分钟）内的计数，各平台相加。</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>直播时长</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>进入人数</translation>
    </message>
    <message>
        <source>Entry rate = viewers ÷ room exposures.</source>
        <translation>曝光-进入率 = 观看人数 ÷ 直播间曝光人数。</translation>
    </message>
    <message>
        <source>Exits</source>
        <translation>离开人数</translation>
    </message>
    <message>
        <source>Fan club joins</source>
        <translation>新加团人数</translation>
    </message>
    <message>
        <source>Follower conversion</source>
        <translation>转粉率</translation>
    </message>
    <message>
        <source>Follower conversion = new followers ÷ viewers.</source>
        <translation>转粉率 = 新增粉丝 ÷ 观看人数。</translation>
    </message>
    <message>
        <source>From the show totals the platform reported.</source>
        <translation>取平台报告的场次汇总数据。</translation>
    </message>
    <message>
        <source>From the viewers who interacted, as the platform counted them.</source>
        <translation>按平台统计的互动人数。</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交金额 (GMV)</translation>
    </message>
    <message>
        <source>GMV (platform)</source>
        <translation>成交金额（平台）</translation>
    </message>
    <message>
        <source>GMV = sum paid for the show&apos;s orders (not cancelled, not awaiting payment; later refunds included). Without orders in StreamDesk: the platforms&apos; GMV.</source>
        <translation>成交金额 = 本场订单实付金额之和（不含已取消和待付款订单；含之后退款的订单）。StreamDesk 中没有本场订单时：取平台的成交金额。</translation>
    </message>
    <message>
        <source>GPM</source>
        <translation>千次观看成交金额 (GPM)</translation>
    </message>
    <message>
        <source>GPM = GMV ÷ views × 1,000 (TikTok without views: ÷ product impressions × 1,000).</source>
        <translation>GPM = 成交金额 ÷ 观看次数 × 1000（TikTok 没有观看次数时：÷ 商品曝光次数 × 1000）。</translation>
    </message>
    <message>
        <source>Gross profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Gross profit = net GMV − cost of the goods kept − platform fee (% of net GMV) − shipping per parcel × parcels − giveaways. A product without a cost leaves it blank.</source>
        <translation>毛利 = 净成交金额 − 留在顾客手中商品的成本 − 平台扣点（净成交金额的百分比）− 每单运费 × 发货单数 − 赠品福利。有商品没填成本时不计算。</translation>
    </message>
    <message>
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <source>Interaction rate = viewers who interacted ÷ viewers; without that figure (comments + likes + shares) ÷ views (approx.).</source>
        <translation>互动率 = 互动人数 ÷ 观看人数；没有互动人数时用（评论 + 点赞 + 分享）÷ 观看次数（约数）。</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <source>Net GMV</source>
        <translation>净成交金额</translation>
    </message>
    <message>
        <source>Net GMV = GMV − refunds (each order&apos;s refunded amount, after-sales refunds included once, never more than it paid).</source>
        <translation>净成交金额 = 成交金额 − 退款（每笔订单的已退金额，售后退款只计一次，不超过该订单实付）。</translation>
    </message>
    <message>
        <source>New buyers</source>
        <translation>新买家</translation>
    </message>
    <message>
        <source>New buyers = customers of the show who had never ordered before (elsewhere than this show).</source>
        <translation>新买家 = 本场顾客中此前（本场以外）从未下过单的人。</translation>
    </message>
    <message>
        <source>New followers</source>
        <translation>新增粉丝</translation>
    </message>
    <message>
        <source>New followers = followers gained during the show (several platforms: added).</source>
        <translation>新增粉丝 = 本场直播期间新增的粉丝（多个平台：相加）。</translation>
    </message>
    <message>
        <source>Online viewers</source>
        <translation>在线人数</translation>
    </message>
    <message>
        <source>Order rate = orders created ÷ product clicks.</source>
        <translation>下单率 = 创建订单数 ÷ 商品点击人数。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Orders = the show&apos;s paid orders (not cancelled, not awaiting payment); without any, the platforms&apos; count.</source>
        <translation>订单数 = 本场已付款订单数（不含已取消和待付款）；没有订单时取平台的成交订单数。</translation>
    </message>
    <message>
        <source>Orders created</source>
        <translation>创建订单数</translation>
    </message>
    <message>
        <source>Paid orders</source>
        <translation>已付款订单</translation>
    </message>
    <message>
        <source>Paid orders (platform)</source>
        <translation>成交订单数（平台）</translation>
    </message>
    <message>
        <source>Payment rate = paid orders ÷ orders created (or ÷ the nearest earlier step with data).</source>
        <translation>支付率 = 已付款订单 ÷ 创建订单数（或 ÷ 前面最近一个有数据的环节）。</translation>
    </message>
    <message>
        <source>Peak online</source>
        <translation>最高在线</translation>
    </message>
    <message>
        <source>Peak online = most viewers watching at once (several platforms: their peaks added).</source>
        <translation>最高在线 = 同时观看的最多人数（多个平台：各平台最高值相加）。</translation>
    </message>
    <message>
        <source>People who saw the live room in a feed (show totals).</source>
        <translation>在推荐流中看到直播间的人数（场次汇总）。</translation>
    </message>
    <message>
        <source>Per 1,000 product impressions (TikTok).</source>
        <translation>每千次商品曝光（TikTok）。</translation>
    </message>
    <message>
        <source>Per 1,000 views.</source>
        <translation>每千次观看。</translation>
    </message>
    <message>
        <source>Per buyer.</source>
        <translation>按成交人数。</translation>
    </message>
    <message>
        <source>Per viewer (unique viewers as the platform counted).</source>
        <translation>按观看人数（平台统计的去重人数）。</translation>
    </message>
    <message>
        <source>Product clicks</source>
        <translation>商品点击人数</translation>
    </message>
    <message>
        <source>Product exposure rate = product exposures ÷ viewers.</source>
        <translation>商品曝光率 = 商品曝光人数 ÷ 观看人数。</translation>
    </message>
    <message>
        <source>Product exposures</source>
        <translation>商品曝光人数</translation>
    </message>
    <message>
        <source>Profit after budget</source>
        <translation>扣除预算后利润</translation>
    </message>
    <message>
        <source>Profit after budget = gross profit − show budget.</source>
        <translation>扣除预算后利润 = 毛利 − 本场预算。</translation>
    </message>
    <message>
        <source>ROI</source>
        <translation>ROI（投入产出比）</translation>
    </message>
    <message>
        <source>ROI = net GMV ÷ show budget (its budget lines added): how many times the budget came back as sales.</source>
        <translation>ROI = 净成交金额 ÷ 本场预算（各预算项之和）：预算换回了几倍的成交。</translation>
    </message>
    <message>
        <source>Refund rate</source>
        <translation>退款率</translation>
    </message>
    <message>
        <source>Refund rate = refunds ÷ GMV (by amount).</source>
        <translation>退款率 = 退款 ÷ 成交金额（按金额）。</translation>
    </message>
    <message>
        <source>Returning buyers</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Returning buyers = customers of the show who had ordered before, outside this show.</source>
        <translation>回头客 = 本场顾客中此前在本场以外下过单的人。</translation>
    </message>
    <message>
        <source>Room exposures</source>
        <translation>直播间曝光人数</translation>
    </message>
    <message>
        <source>Shares</source>
        <translation>分享</translation>
    </message>
    <message>
        <source>UV value</source>
        <translation>UV 价值</translation>
    </message>
    <message>
        <source>UV value = GMV ÷ viewers: what one viewer was worth.</source>
        <translation>UV 价值 = 成交金额 ÷ 观看人数：每位观众带来的成交。</translation>
    </message>
    <message>
        <source>Viewer-to-buyer conversion</source>
        <translation>观看-成交转化率</translation>
    </message>
    <message>
        <source>Viewer-to-buyer conversion = buyers ÷ viewers.</source>
        <translation>观看-成交转化率 = 成交人数 ÷ 观看人数。</translation>
    </message>
    <message>
        <source>Viewers</source>
        <translation>观看人数</translation>
    </message>
    <message>
        <source>Viewers watching at that moment, all platforms added.</source>
        <translation>该时刻正在观看的人数，各平台相加。</translation>
    </message>
    <message>
        <source>Viewers who interacted</source>
        <translation>互动人数</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>观看次数</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>approx.</source>
        <translation>约</translation>
    </message>
    <message>
        <source>buyers</source>
        <translation>成交人数</translation>
    </message>
    <message>
        <source>comments, likes and shares</source>
        <translation>评论、点赞和分享</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>进入人数</translation>
    </message>
    <message>
        <source>interacting viewers</source>
        <translation>互动人数</translation>
    </message>
    <message>
        <source>minute data</source>
        <translation>分钟数据</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>platform figures</source>
        <translation>平台数据</translation>
    </message>
    <message>
        <source>product impressions</source>
        <translation>商品曝光次数</translation>
    </message>
    <message>
        <source>show budget</source>
        <translation>本场预算</translation>
    </message>
    <message>
        <source>show totals</source>
        <translation>场次汇总</translation>
    </message>
    <message>
        <source>viewers</source>
        <translation>观看人数</translation>
    </message>
    <message>
        <source>views</source>
        <translation>观看次数</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>&amp;1 Overview</source>
        <translation>概览(&amp;1)</translation>
    </message>
    <message>
        <source>&amp;2 Segments</source>
        <translation>环节(&amp;2)</translation>
    </message>
    <message>
        <source>&amp;3 Products</source>
        <translation>商品(&amp;3)</translation>
    </message>
    <message>
        <source>&amp;4 Trends</source>
        <translation>趋势(&amp;4)</translation>
    </message>
    <message>
        <source>&amp;5 Notes</source>
        <translation>笔记(&amp;5)</translation>
    </message>
    <message>
        <source>= same</source>
        <translation>= 持平</translation>
    </message>
    <message>
        <source>A show appears here once it has gone live. Plan a show on the Shows page and run it with the live timer; afterwards import its orders and the platform&apos;s live data, and review it here: what sold, when, and what to change next time.</source>
        <translation>直播开播后会出现在这里。请先在直播计划页安排一场直播并用直播计时器开播；结束后导入订单和平台直播数据，在这里复盘：卖了什么、什么时候卖的、下次改什么。</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>对比：</translation>
    </message>
    <message>
        <source>Compared with “{show}” ({when}), the previous show on the same platform.</source>
        <translation>对比场次：“{show}”（{when}），同平台的上一场。</translation>
    </message>
    <message>
        <source>Compared with “{show}” ({when}).</source>
        <translation>对比场次：“{show}”（{when}）。</translation>
    </message>
    <message>
        <source>Enter totals…</source>
        <translation>填写汇总数据…</translation>
    </message>
    <message>
        <source>Export chart PNG…</source>
        <translation>导出图表 PNG…</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>导出图表为 PNG</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出复盘报告…</translation>
    </message>
    <message>
        <source>Export review report</source>
        <translation>导出复盘报告</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>转化漏斗</translation>
    </message>
    <message>
        <source>GMV, orders and buyers come from the platform&apos;s figures: this app has no orders of the show. Import them on the Orders page for refunds, net GMV, products and gross profit.</source>
        <translation>成交金额、订单数和买家数来自平台数据：本软件里没有这场的订单。在订单页导入后，才能看到退款、净成交、商品和毛利。</translation>
    </message>
    <message>
        <source>Import metrics…</source>
        <translation>导入直播数据…</translation>
    </message>
    <message>
        <source>Import the platform&apos;s live data export (minute trend or show summary)</source>
        <translation>导入平台的直播数据导出文件（分钟趋势或整场汇总）</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <source>No earlier show on the same platform to compare with.</source>
        <translation>同平台没有更早的场次可以对比。</translation>
    </message>
    <message>
        <source>No show to review yet</source>
        <translation>还没有可以复盘的直播</translation>
    </message>
    <message>
        <source>Not compared with another show.</source>
        <translation>未与其他场次对比。</translation>
    </message>
    <message>
        <source>Only this app&apos;s orders so far. Import the platform&apos;s live data (Import metrics, Ctrl+I) or enter its totals to see viewers, the funnel, GPM, watch time and followers.</source>
        <translation>目前只有本软件里的订单。导入平台直播数据（导入直播数据，Ctrl+I）或填写汇总数据后，才能看到观看人数、转化漏斗、GPM、观看时长和涨粉。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>PDF report (*.pdf);;HTML page (*.html)</source>
        <translation>PDF 报告 (*.pdf);;HTML 网页 (*.html)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message numerus="yes">
        <source>Platform data: %n import(s), totals for {platforms}.</source>
        <translation>
            <numerusform>平台数据：导入 %n 次，{platforms} 有汇总数据。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Platform data: %n import(s).</source>
        <translation>
            <numerusform>平台数据：导入 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous show on the same platform</source>
        <translation>同平台的上一场</translation>
    </message>
    <message>
        <source>Previous show: {show}</source>
        <translation>上一场：{show}</translation>
    </message>
    <message>
        <source>Read the review again</source>
        <translation>重新读取复盘数据</translation>
    </message>
    <message>
        <source>Reading the review…</source>
        <translation>正在读取复盘数据…</translation>
    </message>
    <message>
        <source>Reading the trends…</source>
        <translation>正在读取趋势…</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reports cannot be written from this window.</source>
        <translation>这个窗口不能导出报告。</translation>
    </message>
    <message>
        <source>Save the chart of this tab as a PNG image</source>
        <translation>把当前标签页的图表保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Saved the chart to {path}.</source>
        <translation>图表已保存到 {path}。</translation>
    </message>
    <message>
        <source>Segment bars</source>
        <translation>环节柱状图</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>直播：</translation>
    </message>
    <message>
        <source>StreamDesk review — {database}</source>
        <translation>StreamDesk 复盘 — {database}</translation>
    </message>
    <message>
        <source>The show every KPI is compared with (▲▼ and the change in %)</source>
        <translation>每项指标用来对比的场次（▲▼ 和变化百分比）</translation>
    </message>
    <message>
        <source>The trends are being read; export the chart again in a moment.</source>
        <translation>正在读取趋势，请稍后再导出图表。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Type the show&apos;s totals from the platform&apos;s review screen, when there is no file</source>
        <translation>没有导出文件时，照着平台复盘页面填写本场汇总数据</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Write the review as a printable PDF or an HTML page</source>
        <translation>把复盘导出为可打印的 PDF 或 HTML 网页</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Wrote the review report to {path}.</source>
        <translation>复盘报告已保存到 {path}。</translation>
    </message>
    <message>
        <source>ran {duration}</source>
        <translation>时长 {duration}</translation>
    </message>
    <message>
        <source>went live {when}</source>
        <translation>开播于 {when}</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points}pct</translation>
    </message>
    <message>
        <source>{value}×</source>
        <translation>{value} 倍</translation>
    </message>
    <message>
        <source>≈{value}</source>
        <translation>≈{value}</translation>
    </message>
</context>
<context>
    <name>ReviewReport</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Action items for next time</source>
        <translation>下次改进事项</translation>
    </message>
    <message>
        <source>Actual / planned</source>
        <translation>实际 / 计划</translation>
    </message>
    <message>
        <source>Average watch time</source>
        <translation>人均观看时长</translation>
    </message>
    <message>
        <source>Avg online</source>
        <translation>平均在线</translation>
    </message>
    <message numerus="yes">
        <source>Blue: each show. Red, dashed: moving average of the last %n show(s).</source>
        <translation>
            <numerusform>蓝线：每场数据。红色虚线：最近 %n 场的移动平均。</numerusform>
        </translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Compared show</source>
        <translation>对比场次</translation>
    </message>
    <message>
        <source>Compared with</source>
        <translation>对比场次</translation>
    </message>
    <message>
        <source>Conversion (buyers ÷ viewers)</source>
        <translation>观看-成交转化率（成交人数 ÷ 观看人数）</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>From the step before</source>
        <translation>上一步转化率</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>转化漏斗</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交金额</translation>
    </message>
    <message>
        <source>GMV per minute</source>
        <translation>每分钟成交金额</translation>
    </message>
    <message>
        <source>GPM</source>
        <translation>千次观看成交</translation>
    </message>
    <message>
        <source>Gross profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>核心指标</translation>
    </message>
    <message>
        <source>New followers</source>
        <translation>新增粉丝</translation>
    </message>
    <message>
        <source>No action items.</source>
        <translation>没有改进事项。</translation>
    </message>
    <message>
        <source>No figures: this show has no orders and no imported metrics yet.</source>
        <translation>没有数据：这场直播还没有订单，也没有导入平台数据。</translation>
    </message>
    <message>
        <source>No funnel: import the platform&apos;s totals (exposures, viewers, clicks) to see it.</source>
        <translation>没有漏斗：导入平台的整场数据（曝光、观看、点击）后显示。</translation>
    </message>
    <message>
        <source>No minute data: import the platform&apos;s minute trend to see the audience over the show.</source>
        <translation>没有分钟数据：导入平台的分钟趋势后，可以看到整场的在线人数变化。</translation>
    </message>
    <message>
        <source>No products sold in this show.</source>
        <translation>这场直播没有卖出商品。</translation>
    </message>
    <message>
        <source>No sales in any segment.</source>
        <translation>各环节都没有成交。</translation>
    </message>
    <message>
        <source>No segments: the show has no rundown and no live run.</source>
        <translation>没有环节：这场直播没有流程，也没有直播计时记录。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>复盘笔记</translation>
    </message>
    <message>
        <source>Nothing written.</source>
        <translation>未填写。</translation>
    </message>
    <message>
        <source>Online viewers</source>
        <translation>在线人数</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>People or orders</source>
        <translation>人数或订单数</translation>
    </message>
    <message>
        <source>Platform data</source>
        <translation>平台数据</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Review: {title}</source>
        <translation>复盘：{title}</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>StreamDesk review report · {printed}</source>
        <translation>StreamDesk 复盘报告 · {printed}</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target units</source>
        <translation>目标件数</translation>
    </message>
    <message>
        <source>This show</source>
        <translation>本场</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Trends across shows</source>
        <translation>多场趋势</translation>
    </message>
    <message>
        <source>Trends need at least two reviewed shows.</source>
        <translation>至少要有两场复盘才能看趋势。</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Went well</source>
        <translation>做得好的</translation>
    </message>
    <message>
        <source>budget {amount}</source>
        <translation>预算 {amount}</translation>
    </message>
    <message>
        <source>done {date}</source>
        <translation>{date} 已完成</translation>
    </message>
    <message>
        <source>fee {percent}</source>
        <translation>平台扣点 {percent}</translation>
    </message>
    <message>
        <source>giveaways {amount}</source>
        <translation>赠品 {amount}</translation>
    </message>
    <message>
        <source>no earlier show to compare with</source>
        <translation>没有可对比的更早场次</translation>
    </message>
    <message>
        <source>none imported: figures come from the show&apos;s own orders</source>
        <translation>未导入：指标来自本场订单</translation>
    </message>
    <message>
        <source>open: carried to the next shows</source>
        <translation>未完成：带到后续场次</translation>
    </message>
    <message>
        <source>shipping {amount} per parcel</source>
        <translation>运费每单 {amount}</translation>
    </message>
    <message>
        <source>the file cannot be created</source>
        <translation>无法创建文件</translation>
    </message>
    <message numerus="yes">
        <source>{file} ({platform}, %n row(s))</source>
        <translation>
            <numerusform>{file}（{platform}，%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} (best)</source>
        <translation>{name}（最佳）</translation>
    </message>
    <message>
        <source>{name} (weakest)</source>
        <translation>{name}（最弱）</translation>
    </message>
    <message>
        <source>{name} ({basis})</source>
        <translation>{name}（{basis}）</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points} 个百分点</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>≈{value}</source>
        <translation>≈{value}</translation>
    </message>
</context>
<context>
    <name>ReviewSettingsBox</name>
    <message>
        <source> shows</source>
        <translation> 场</translation>
    </message>
    <message>
        <source>&amp;Shipping per parcel:</source>
        <translation>每单运费(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Trend average over:</source>
        <translation>趋势移动平均(&amp;T)：</translation>
    </message>
    <message>
        <source>Platform fee on {platform}</source>
        <translation>{platform} 平台扣点</translation>
    </message>
    <message>
        <source>Platform fee:</source>
        <translation>平台扣点：</translation>
    </message>
    <message>
        <source>Platform fees are commission plus payment fees, as a share of net GMV; they depend on your category and contract, so check your platform&apos;s bill. A show&apos;s review can set its own.</source>
        <translation>平台扣点＝佣金＋支付手续费，按净成交金额的比例计算；实际费率取决于类目和签约条件，请以平台账单为准。每场复盘可以单独设置。</translation>
    </message>
    <message>
        <source>Review (复盘)</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>Shipping per parcel must be an amount such as 4.50, or left empty for none.</source>
        <translation>每单运费须是金额（如 4.50），不需要可留空。</translation>
    </message>
    <message>
        <source>What one parcel costs you to send, in {currency}</source>
        <translation>每寄出一个包裹你付的运费（{currency}）</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) skipped</source>
        <translation>
            <numerusform>跳过 %n 个环节</numerusform>
        </translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Actual (seconds)</source>
        <translation>实际（秒）</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>调整后</translation>
    </message>
    <message>
        <source>Adjusted (seconds)</source>
        <translation>调整后（秒）</translation>
    </message>
    <message>
        <source>Back to the rundown</source>
        <translation>返回流程</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Delete this rehearsal</source>
        <translation>删除这次彩排</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export planned vs actual</source>
        <translation>导出计划与实际对比</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Over/under</source>
        <translation>超时/提前</translation>
    </message>
    <message>
        <source>Over/under (seconds)</source>
        <translation>超时/提前（秒）</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Planned (seconds)</source>
        <translation>计划（秒）</translation>
    </message>
    <message>
        <source>Planned vs actual: {show}</source>
        <translation>计划与实际：{show}</translation>
    </message>
    <message>
        <source>Planned {planned} · adjusted {adjusted} · actual {actual} · {over_under}</source>
        <translation>计划 {planned} · 调整后 {adjusted} · 实际 {actual} · {over_under}</translation>
    </message>
    <message>
        <source>Ran</source>
        <translation>已播</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>计时记录：</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>This show has no runs yet.</source>
        <translation>这场直播还没有计时记录。</translation>
    </message>
    <message>
        <source>{kind}, {started}</source>
        <translation>{kind}，{started}</translation>
    </message>
    <message>
        <source>{kind}, {started} (not finished)</source>
        <translation>{kind}，{started}（未结束）</translation>
    </message>
    <message>
        <source>{show} planned vs actual {started}.csv</source>
        <translation>{show} 计划与实际 {started}.csv</translation>
    </message>
</context>
<context>
    <name>RuleWarnings</name>
    <message>
        <source>Edit link…</source>
        <translation>编辑链接…</translation>
    </message>
    <message>
        <source>Re-made the booking…</source>
        <translation>已重新创建预约…</translation>
    </message>
    <message>
        <source>You revoked the booking and created it again for the new time</source>
        <translation>你已撤销预约并按新时间重新创建</translation>
    </message>
</context>
<context>
    <name>RunModel</name>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Critical: the show should not go live while this has failed.</source>
        <translation>关键项：这一项未通过时不应开播。</translation>
    </message>
    <message>
        <source>Ctrl+R measures it</source>
        <translation>Ctrl+R 自动测量</translation>
    </message>
    <message>
        <source>Ctrl+R plays the test tone</source>
        <translation>Ctrl+R 播放测试音</translation>
    </message>
    <message>
        <source>Double-click to add a note</source>
        <translation>双击添加备注</translation>
    </message>
    <message>
        <source>Enter to type it</source>
        <translation>按回车填写</translation>
    </message>
    <message>
        <source>Enter to type it ({limits})</source>
        <translation>按回车填写（{limits}）</translation>
    </message>
    <message>
        <source>Measured by StreamDesk: {probe}</source>
        <translation>由 StreamDesk 自动测量：{probe}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Scan the QR, record the order</source>
        <translation>扫码下单后记录订单</translation>
    </message>
    <message>
        <source>Space: passed · F: failed · S: skipped · Delete: back to not checked</source>
        <translation>空格：通过 · F：未通过 · S：跳过 · Delete：改回未检查</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value / measured</source>
        <translation>数值/测量结果</translation>
    </message>
    <message>
        <source>{title}, critical, {status}</source>
        <translation>{title}，关键项，{status}</translation>
    </message>
    <message>
        <source>{title}, {status}</source>
        <translation>{title}，{status}</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>Back to not checked</source>
        <translation>改回未检查</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Mark the selected check failed</source>
        <translation>把选中的检查项标为未通过</translation>
    </message>
    <message>
        <source>Mark the selected check passed</source>
        <translation>把选中的检查项标为通过</translation>
    </message>
    <message>
        <source>Mark “{title}” failed</source>
        <translation>把“{title}”标为未通过</translation>
    </message>
    <message>
        <source>Mark “{title}” not checked</source>
        <translation>把“{title}”改回未检查</translation>
    </message>
    <message>
        <source>Mark “{title}” passed</source>
        <translation>把“{title}”标为通过</translation>
    </message>
    <message>
        <source>Mark “{title}” with a warning</source>
        <translation>把“{title}”标为警告</translation>
    </message>
    <message>
        <source>Measure the mic, network, computer and cameras and check the scripts, in turn</source>
        <translation>依次检测麦克风、网络、电脑和摄像头，并检查话术</translation>
    </message>
    <message>
        <source>Measure the selected check</source>
        <translation>测量选中的检查项</translation>
    </message>
    <message>
        <source>Measure “{title}”</source>
        <translation>测量“{title}”</translation>
    </message>
    <message>
        <source>Measured what StreamDesk can measure. Play the test tone and record the test order yourself.</source>
        <translation>能自动测量的都已测完。请自己播放测试音并记录测试订单。</translation>
    </message>
    <message>
        <source>Measuring “{title}”…</source>
        <translation>正在测量“{title}”…</translation>
    </message>
    <message>
        <source>No sound</source>
        <translation>没有声音</translation>
    </message>
    <message>
        <source>No test order</source>
        <translation>没有测试订单</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Not needed today</source>
        <translation>今天不需要</translation>
    </message>
    <message>
        <source>Note on “{title}”</source>
        <translation>“{title}”的备注</translation>
    </message>
    <message>
        <source>Order {number} not paid</source>
        <translation>订单 {number} 未支付</translation>
    </message>
    <message>
        <source>Order {number} paid</source>
        <translation>订单 {number} 已支付</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Playing the test tone…</source>
        <translation>正在播放测试音…</translation>
    </message>
    <message>
        <source>Record the test order for “{title}”</source>
        <translation>记录“{title}”的测试订单</translation>
    </message>
    <message>
        <source>Run all probes</source>
        <translation>全部自动测量</translation>
    </message>
    <message>
        <source>Run probe</source>
        <translation>自动测量</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Skip “{title}”</source>
        <translation>跳过“{title}”</translation>
    </message>
    <message>
        <source>Stopped; nothing was recorded for that check.</source>
        <translation>已停止，这一项没有记录任何结果。</translation>
    </message>
    <message>
        <source>Taking a snapshot…</source>
        <translation>正在拍快照…</translation>
    </message>
    <message>
        <source>The scripts cannot be checked here: the catalogue is not open.</source>
        <translation>这里无法检查话术：商品库没有打开。</translation>
    </message>
    <message>
        <source>Tone heard</source>
        <translation>听到测试音</translation>
    </message>
    <message>
        <source>Type the value, or a note</source>
        <translation>填写数值或备注</translation>
    </message>
    <message>
        <source>Type value…</source>
        <translation>填写数值…</translation>
    </message>
    <message>
        <source>Type {value} for “{title}”</source>
        <translation>为“{title}”填写 {value}</translation>
    </message>
    <message>
        <source>{checked} of {total} checked · {passed} passed · {warnings} warnings · {failed} failed</source>
        <translation>已检查 {checked}/{total} 项 · {passed} 项通过 · {warnings} 项警告 · {failed} 项未通过</translation>
    </message>
    <message>
        <source>“{title}” is checked by hand: Space passed, F failed, S skipped.</source>
        <translation>“{title}”需要手动检查：空格通过，F 未通过，S 跳过。</translation>
    </message>
</context>
<context>
    <name>RundownActions</name>
    <message>
        <source>Add a segment after the selected one</source>
        <translation>在选中环节后添加一个环节</translation>
    </message>
    <message>
        <source>Add products…</source>
        <translation>添加商品…</translation>
    </message>
    <message>
        <source>Copy the selected segment below it</source>
        <translation>在选中环节下方复制一份</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>删除环节</translation>
    </message>
    <message>
        <source>Delete the selected segments</source>
        <translation>删除选中的环节</translation>
    </message>
    <message>
        <source>Duplicate segment</source>
        <translation>复制环节</translation>
    </message>
    <message>
        <source>Edit the talking points, products and notes of the selected segment</source>
        <translation>编辑选中环节的话术、商品和备注</translation>
    </message>
    <message>
        <source>Insert a ready-made opening or closing segment with talking points</source>
        <translation>插入带话术的现成开场或收尾环节</translation>
    </message>
    <message>
        <source>Insert segment</source>
        <translation>插入环节</translation>
    </message>
    <message>
        <source>Link SKUs from the catalogue to the selected segment</source>
        <translation>从商品目录为选中环节关联 SKU</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected segments down</source>
        <translation>把选中的环节下移</translation>
    </message>
    <message>
        <source>Move the selected segments up</source>
        <translation>把选中的环节上移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo the change undone</source>
        <translation>重做刚撤销的改动</translation>
    </message>
    <message>
        <source>Redo “{step}”</source>
        <translation>重做“{step}”</translation>
    </message>
    <message>
        <source>Script template</source>
        <translation>话术模板</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>撤销上一步改动</translation>
    </message>
    <message>
        <source>Undo “{step}”</source>
        <translation>撤销“{step}”</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip}（{keys}）</translation>
    </message>
</context>
<context>
    <name>RundownCommands</name>
    <message>
        <source>Delete “{title}”</source>
        <translation>删除“{title}”</translation>
    </message>
    <message>
        <source>Duplicate “{title}”</source>
        <translation>复制“{title}”</translation>
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation>编辑“{title}”</translation>
    </message>
    <message>
        <source>Insert “{title}”</source>
        <translation>插入“{title}”</translation>
    </message>
    <message>
        <source>Move “{title}”</source>
        <translation>移动“{title}”</translation>
    </message>
</context>
<context>
    <name>RundownEditor</name>
    <message numerus="yes">
        <source>Add %n product(s) to “{title}”</source>
        <translation>
            <numerusform>为“{title}”添加 %n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Add segments one by one, or start with a ready-made welcome and closing.</source>
        <translation>逐个添加环节，或先插入现成的欢迎语和收尾。</translation>
    </message>
    <message>
        <source>Choose a show to plan its run of show.</source>
        <translation>选择一场直播来安排它的流程。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n segment(s)</source>
        <translation>
            <numerusform>删除 %n 个环节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n segment(s)</source>
        <translation>
            <numerusform>移动 %n 个环节</numerusform>
        </translation>
    </message>
    <message>
        <source>New segment</source>
        <translation>新环节</translation>
    </message>
    <message>
        <source>No segments yet</source>
        <translation>还没有环节</translation>
    </message>
    <message>
        <source>No show selected</source>
        <translation>未选择直播</translation>
    </message>
</context>
<context>
    <name>RundownFiles</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export rundown</source>
        <translation>导出流程</translation>
    </message>
    <message>
        <source>Export rundown (CSV)…</source>
        <translation>导出流程（CSV）…</translation>
    </message>
    <message>
        <source>Export the rundown as CSV, or import one</source>
        <translation>将流程导出为 CSV，或导入流程文件</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n segment(s) as {path}.</source>
        <translation>
            <numerusform>已将 %n 个环节导出为 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import rundown</source>
        <translation>导入流程</translation>
    </message>
    <message>
        <source>Import rundown…</source>
        <translation>导入流程…</translation>
    </message>
    <message>
        <source>Import “{file}”</source>
        <translation>导入“{file}”</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n segment(s) from {file}. Undo (Ctrl+Z) brings the previous rundown back.</source>
        <translation>
            <numerusform>已从 {file} 导入 %n 个环节。撤销（Ctrl+Z）可恢复原来的流程。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print host sheet</source>
        <translation>打印主播手卡</translation>
    </message>
    <message>
        <source>Print host sheet (PDF)…</source>
        <translation>打印主播手卡（PDF）…</translation>
    </message>
    <message>
        <source>Replace the whole rundown with a CSV or Excel file; you see it before anything changes</source>
        <translation>用 CSV 或 Excel 文件替换整个流程；改动前会先预览</translation>
    </message>
    <message>
        <source>Rundown file</source>
        <translation>流程文件</translation>
    </message>
    <message>
        <source>Rundown files (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx)</source>
        <translation>流程文件 (*.csv *.xlsx);;CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the rundown as a CSV file to edit in Excel</source>
        <translation>把流程存为 CSV 文件，可用 Excel 编辑</translation>
    </message>
    <message>
        <source>Save the rundown as a PDF sheet for the host: times, products with live price, talking points</source>
        <translation>把流程存为给主播的 PDF 手卡：时间、商品及直播价、话术</translation>
    </message>
    <message numerus="yes">
        <source>Saved the host sheet (%n page(s)) as {path}.</source>
        <translation>
            <numerusform>主播手卡（%n 页）已保存为 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>show</source>
        <translation>直播</translation>
    </message>
    <message>
        <source>{show} host sheet</source>
        <translation>{show} 主播手卡</translation>
    </message>
    <message>
        <source>{show} rundown</source>
        <translation>{show} 流程</translation>
    </message>
    <message>
        <source>{show} {date} host sheet</source>
        <translation>{show} {date} 主播手卡</translation>
    </message>
    <message>
        <source>{show} {date} rundown</source>
        <translation>{show} {date} 流程</translation>
    </message>
</context>
<context>
    <name>RundownFooter</name>
    <message>
        <source>Click a conflict, or press Enter on it, to go to its segment</source>
        <translation>点击冲突或在其上按回车，跳到对应环节</translation>
    </message>
    <message>
        <source>From the segments you ran with the live timer; dismiss it on the Advice page to stop it.</source>
        <translation>依据你用直播计时器跑过的环节；不想再看到这条提醒，可在“建议”页忽略它。</translation>
    </message>
    <message>
        <source>No planned start yet: times count from the top of the show.</source>
        <translation>尚未设定开播时间：时间从开场起算。</translation>
    </message>
    <message>
        <source>Starts {start}, rundown ends {end}, show planned to end {show_end}.</source>
        <translation>{start} 开播，流程 {end} 结束，计划 {show_end} 下播。</translation>
    </message>
    <message>
        <source>Starts {start}, rundown ends {end}.</source>
        <translation>{start} 开播，流程 {end} 结束。</translation>
    </message>
    <message>
        <source>Total {total} of {planned} planned: {difference} over.</source>
        <translation>合计 {total}，计划 {planned}：超时 {difference}。</translation>
    </message>
    <message>
        <source>Total {total} of {planned} planned: {difference} under.</source>
        <translation>合计 {total}，计划 {planned}：还差 {difference}。</translation>
    </message>
    <message>
        <source>Total {total}: exactly the planned duration.</source>
        <translation>合计 {total}：与计划时长正好一致。</translation>
    </message>
    <message>
        <source>Total {total}; the show has no planned duration.</source>
        <translation>合计 {total}；这场直播没有设定计划时长。</translation>
    </message>
    <message>
        <source>Your shows run ×{ratio} their plan ({n} shows): this rundown&apos;s {planned} may take about {expected}.</source>
        <translation>你的直播实际时长是计划的 ×{ratio}（{n} 场）：这份流程计划 {planned}，可能要 {expected} 左右。</translation>
    </message>
    <message>
        <source>{kind} segments take you only ×{ratio} their plan ({n} segments): here {numbers}, {planned} planned, expect about {expected}.</source>
        <translation>你的“{kind}”环节实际用时只有计划的 ×{ratio}（{n} 个环节）：本场 {numbers} 共计划 {planned}，预计 {expected} 左右就结束。</translation>
    </message>
    <message>
        <source>{kind} segments take you ×{ratio} their plan ({n} segments): here {numbers}, {planned} planned, expect about {expected}.</source>
        <translation>你的“{kind}”环节实际用时是计划的 ×{ratio}（{n} 个环节）：本场 {numbers} 共计划 {planned}，预计要 {expected} 左右。</translation>
    </message>
    <message>
        <source>{number}. {message}</source>
        <translation>{number}. {message}</translation>
    </message>
</context>
<context>
    <name>RundownImportDialog</name>
    <message numerus="yes">
        <source>All %n segment(s) the show has now are removed; Undo (Ctrl+Z) brings them back.</source>
        <translation>
            <numerusform>这场直播现有的 %n 个环节都会被删除；撤销（Ctrl+Z）可以恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Columns ignored:</source>
        <translation>忽略的列：</translation>
    </message>
    <message>
        <source>Columns used:</source>
        <translation>使用的列：</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx): no text encoding</source>
        <translation>Excel 工作簿（.xlsx）：无需选择编码</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Import rundown</source>
        <translation>导入流程</translation>
    </message>
    <message>
        <source>Read as:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Replace rundown</source>
        <translation>替换流程</translation>
    </message>
    <message>
        <source>Replace the rundown of “{show}”</source>
        <translation>替换“{show}”的流程</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s), so it cannot replace the rundown. Fix them in the file and import it again; nothing was changed.</source>
        <translation>
            <numerusform>文件有 %n 个问题，不能替换流程。请在文件中改正后重新导入；没有做任何改动。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file replaces the whole rundown with the %n segment(s) below.</source>
        <translation>
            <numerusform>文件会用下面的 %n 个环节替换整个流程。</numerusform>
        </translation>
    </message>
    <message>
        <source>The show has no segments yet.</source>
        <translation>这场直播还没有环节。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RundownModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>A time announced to viewers, e.g. a flash sale at 20:00; the segment waits for it</source>
        <translation>已向观众预告的时间，如 20:00 秒杀；环节会等到这个时间再开始</translation>
    </message>
    <message>
        <source>Back-timed from the show&apos;s planned start, in local time</source>
        <translation>从计划开播时间倒推，本地时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Fixed start</source>
        <translation>定点开始</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Linked SKUs with live price and stock; red when out of stock</source>
        <translation>关联的 SKU 及直播价、库存；售罄标红</translation>
    </message>
    <message>
        <source>Planned length, minutes:seconds</source>
        <translation>计划时长，分:秒</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Promotion cue</source>
        <translation>促销提示</translation>
    </message>
    <message>
        <source>Remaining time when the timer turns amber (warning) and red (danger)</source>
        <translation>剩余多少时间时计时器变黄（提醒）和变红（紧急）</translation>
    </message>
    <message>
        <source>Start–end</source>
        <translation>起止时间</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>The segment before ends {wait} before this fixed start: the host fills the gap.</source>
        <translation>上一环节比定点时间早 {wait} 结束：主播需要补位。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Warn / danger</source>
        <translation>提醒 / 紧急</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>无价格</translation>
    </message>
    <message>
        <source>{first} (+{count} more)</source>
        <translation>{first}（另有 {count} 个）</translation>
    </message>
    <message>
        <source>{line} (archived)</source>
        <translation>{line}（已归档）</translation>
    </message>
    <message>
        <source>{sku} {title} {spec}: live price {price}, stock {stock}, margin {margin} ({margin_pct})</source>
        <translation>{sku} {title} {spec}：直播价 {price}，库存 {stock}，毛利 {margin}（{margin_pct}）</translation>
    </message>
    <message>
        <source>{start}–{end}</source>
        <translation>{start}–{end}</translation>
    </message>
    <message>
        <source>{start}–{end} (+{wait} wait)</source>
        <translation>{start}–{end}（等待 +{wait}）</translation>
    </message>
    <message>
        <source>{title} · {price} · stock {stock}</source>
        <translation>{title} · {price} · 库存 {stock}</translation>
    </message>
    <message>
        <source>{warn} / {danger}</source>
        <translation>{warn} / {danger}</translation>
    </message>
</context>
<context>
    <name>RundownPreviewModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>{product}: {count} in stock</source>
        <translation>{product}：库存 {count}</translation>
    </message>
</context>
<context>
    <name>SaleBar</name>
    <message>
        <source>Allow backorders</source>
        <translation>允许超卖</translation>
    </message>
    <message>
        <source>Buyer&apos;s nickname</source>
        <translation>买家昵称</translation>
    </message>
    <message>
        <source>New buyer</source>
        <translation>新买家</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Record the sale and take the stock (Enter)</source>
        <translation>记下这笔订单并扣减库存（回车）</translation>
    </message>
    <message numerus="yes">
        <source>Returning buyer · %n order(s)</source>
        <translation>
            <numerusform>老买家 · %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>登记下单</translation>
    </message>
    <message>
        <source>Unit price; the live price unless you change it</source>
        <translation>单价；不改就是直播价</translation>
    </message>
    <message>
        <source>When stock runs out, ask whether to sell anyway and ship later</source>
        <translation>库存卖完时，询问是否仍然下单、补货后发货</translation>
    </message>
    <message>
        <source>Where the buyer commented</source>
        <translation>买家在哪个平台留言</translation>
    </message>
</context>
<context>
    <name>SaveTemplateDialog</name>
    <message>
        <source>A template keeps the goals, people, promotions, budget and rundown of “{title}” without a date. Start new shows from it with “New from template”.</source>
        <translation>模板保存“{title}”的目标、人员、促销、预算和流程，但不含日期。之后可用“从模板新建”基于它开新直播。</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>请给模板起个名字。</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>存为模板</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
</context>
<context>
    <name>ScriptTemplates</name>
    <message>
        <source>Closing: thanks and last call</source>
        <translation>收尾：感谢 + 最后捡漏</translation>
    </message>
    <message>
        <source>Coupon for new followers</source>
        <translation>新粉专享优惠券</translation>
    </message>
    <message>
        <source>Follow and join the fan club</source>
        <translation>关注主播 + 加入粉丝团</translation>
    </message>
    <message>
        <source>Follow call-to-action</source>
        <translation>关注引导</translation>
    </message>
    <message>
        <source>Last call on today&apos;s deals</source>
        <translation>今日福利最后捡漏</translation>
    </message>
    <message>
        <source>Lucky bag for everyone who follows</source>
        <translation>关注即可参与福袋</translation>
    </message>
    <message>
        <source>Next show preview</source>
        <translation>预告下一场</translation>
    </message>
    <message>
        <source>Next-show preview</source>
        <translation>预告下一场</translation>
    </message>
    <message>
        <source>Opening: welcome</source>
        <translation>开场：欢迎语</translation>
    </message>
    <message>
        <source>Reminder button for the next show</source>
        <translation>挂下一场预约链接</translation>
    </message>
    <message>
        <source>Thanks and goodbye</source>
        <translation>感谢陪伴，下播</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎语</translation>
    </message>
    <message>
        <source>• Greet people by name as they come in: “Welcome, [name]! Tap follow so you don&apos;t miss today&apos;s deals.”
• Say who you are and what today&apos;s show is about, in one sentence.
• Tease the three best deals of the day and say when the first flash sale starts.
• Ask for likes and shares now: the fuller the room, the sooner the first lucky bag opens.
• Remind everyone that today&apos;s prices are for this live stream only.</source>
        <translation>• 点名欢迎新进直播间的宝宝：“欢迎[昵称]！点个关注不迷路，今天的福利别错过。”
• 一句话介绍自己和今天直播的主题。
• 预告今天最划算的三款，并说清第一轮秒杀几点开始。
• 现在就请大家点赞、分享：人越多，第一轮福袋开得越早。
• 提醒大家：今天的价格只在本场直播有效。</translation>
    </message>
    <message>
        <source>• Name two or three products coming next time and the best price you can promise.
• Ask viewers to tap “Reserve” on the profile page so the app reminds them before it starts.
• Ask what they would like to see next time, and note the answers from the comments.</source>
        <translation>• 说出下一场要上的两三款商品，以及能承诺的最低价。
• 请大家在主页点“预约”，开播前平台会提醒。
• 问问大家下一场想看什么，把评论里的回答记下来。</translation>
    </message>
    <message>
        <source>• Next show: [day and time], [theme].</source>
        <translation>• 下一场：[日期和时间]，[主题]。</translation>
    </message>
    <message>
        <source>• Next show: “{title}”, [day and time].</source>
        <translation>• 下一场：“{title}”，[日期和时间]。</translation>
    </message>
    <message>
        <source>• Next show: “{title}”, {when}.</source>
        <translation>• 下一场：“{title}”，{when}。</translation>
    </message>
    <message>
        <source>• Point at the follow button: “Tap follow at the top left and the app tells you when we go live.”
• Say what followers get: follower-only coupons, the lucky bag, first pick in every flash sale.
• Ask viewers to join the fan club and light up their fan badge.
• Thank the newest followers by name.
• Repeat this every 10–15 minutes: new viewers arrive all the time.</source>
        <translation>• 指着关注按钮说：“点左上角关注，开播时平台会通知你。”
• 讲清关注的好处：粉丝专享券、福袋、每轮秒杀优先抢。
• 请大家加入粉丝团，点亮粉丝灯牌。
• 点名感谢刚关注的宝宝。
• 每 10–15 分钟重复一次：随时都有新观众进来。</translation>
    </message>
    <message>
        <source>• Thank everyone for staying, and the most active fans by name.
• Last call: recap today&apos;s best deals and how much stock is left; the links stay up a few more minutes.
• After-sales: say when orders ship and that customer service answers size and quality questions.
• Remind viewers of the next show and ask them to follow so they are told when it starts.
• Keep talking until the stream has really ended: viewers still see you for a few seconds.</source>
        <translation>• 感谢大家的陪伴，点名感谢最活跃的粉丝。
• 最后捡漏：回顾今天最划算的几款和剩余库存；链接再挂几分钟。
• 售后说明：讲清几天内发货，尺码和质量问题找客服。
• 预告下一场，请大家关注，开播时会收到提醒。
• 直播真正结束前别停下来：观众还会看到你好几秒。</translation>
    </message>
</context>
<context>
    <name>SegmentDetailsPanel</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Add products…</source>
        <translation>添加商品…</translation>
    </message>
    <message>
        <source>Edit notes</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Edit talking points</source>
        <translation>编辑话术</translation>
    </message>
    <message>
        <source>Flash-sale countdown</source>
        <translation>秒杀倒计时</translation>
    </message>
    <message>
        <source>Length of the flash-sale countdown the live page can start, 10–300 s</source>
        <translation>直播页可启动的秒杀倒计时长度，10–300 秒</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes for the team (not read out)</source>
        <translation>给团队的备注（不念给观众）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Promotion cue:</source>
        <translation>促销提示：</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n product(s)</source>
        <translation>
            <numerusform>移除 %n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Search the catalogue and link SKUs to this segment (Ctrl+Shift+P)</source>
        <translation>搜索商品目录并为本环节关联 SKU（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Select a segment to see its products and talking points.</source>
        <translation>选择一个环节，查看它的商品和话术。</translation>
    </message>
    <message>
        <source>Set the flash-sale countdown</source>
        <translation>设置秒杀倒计时</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Unlink the selected products from this segment (Delete)</source>
        <translation>取消本环节与选中商品的关联（Delete）</translation>
    </message>
    <message>
        <source>What the host says in this segment. Adding products fills this in from their crib sheets.</source>
        <translation>主播在本环节要说的话。添加商品时会从商品的讲解要点自动填入。</translation>
    </message>
    <message>
        <source>{number}. {kind}: {title}</source>
        <translation>{number}. {kind}：{title}</translation>
    </message>
</context>
<context>
    <name>SegmentEdits</name>
    <message>
        <source>Choose one of the segment kinds in the list.</source>
        <translation>请从列表中选择一种环节类型。</translation>
    </message>
    <message>
        <source>This show has no planned start yet, so a segment cannot have a fixed start time. Set the show&apos;s start first.</source>
        <translation>这场直播还没有计划开播时间，环节不能设定点开始。请先设定开播时间。</translation>
    </message>
    <message>
        <source>{text} does not exist on {date}: the clocks go forward over that time. Type a time outside the skipped hour.</source>
        <translation>{text} 在 {date} 不存在：那天时钟会向前拨，跳过这段时间。请输入一个不在跳过时段内的时间。</translation>
    </message>
    <message>
        <source>“{text}” is not a duration. Type minutes and seconds, e.g. 4:30, or whole minutes.</source>
        <translation>“{text}”不是时长。请输入分和秒，如 4:30，或整数分钟。</translation>
    </message>
    <message>
        <source>“{text}” is not a time of day. Type it as hours and minutes, e.g. 20:00.</source>
        <translation>“{text}”不是时刻。请按时和分输入，如 20:00。</translation>
    </message>
    <message>
        <source>“{text}” is not two durations. Type the warning and danger times as 2:00 / 1:00.</source>
        <translation>“{text}”不是两个时长。请按 2:00 / 1:00 输入提醒和紧急时间。</translation>
    </message>
</context>
<context>
    <name>SegmentLabels</name>
    <message>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>收尾</translation>
    </message>
    <message>
        <source>Flash sale</source>
        <translation>秒杀</translation>
    </message>
    <message>
        <source>Giveaway / lucky draw</source>
        <translation>福袋 / 抽奖</translation>
    </message>
    <message>
        <source>Interaction / Q&amp;A</source>
        <translation>互动 / 答疑</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>开场</translation>
    </message>
    <message>
        <source>Product pitch</source>
        <translation>商品讲解</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>暖场</translation>
    </message>
</context>
<context>
    <name>SegmentPanel</name>
    <message>
        <source>No products in this segment.</source>
        <translation>本环节没有商品。</translation>
    </message>
    <message>
        <source>No talking points for this segment.</source>
        <translation>本环节没有话术。</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>话术</translation>
    </message>
    <message numerus="yes">
        <source>{kind} · %n product(s)</source>
        <translation>
            <numerusform>{kind} · %n 个商品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SegmentProductsModel</name>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>售罄</translation>
    </message>
    <message>
        <source>This SKU is archived: it is no longer sold.</source>
        <translation>该 SKU 已归档，不再销售。</translation>
    </message>
</context>
<context>
    <name>SegmentsModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Avg. online</source>
        <translation>平均在线</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交金额</translation>
    </message>
    <message>
        <source>GMV per 1,000 views during the segment</source>
        <translation>本环节每千次观看成交金额</translation>
    </message>
    <message>
        <source>GPM</source>
        <translation>GPM</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Minutes into the show (from the live timer, else the planned rundown)</source>
        <translation>开播后第几分钟（来自直播计时器，否则按计划流程）</translation>
    </message>
    <message>
        <source>New followers</source>
        <translation>新增粉丝</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Peak online</source>
        <translation>最高在线</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Ran for</source>
        <translation>实际时长</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>The segment that sold the least</source>
        <translation>卖得最少的环节</translation>
    </message>
    <message>
        <source>The segment that sold the most</source>
        <translation>卖得最多的环节</translation>
    </message>
    <message>
        <source>Times from the planned rundown: the live timer did not run for this show</source>
        <translation>时间取自计划流程：这场直播没有使用直播计时器</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>观看次数</translation>
    </message>
    <message>
        <source>Views during the segment, from the imported minute data</source>
        <translation>本环节的观看次数，来自导入的分钟数据</translation>
    </message>
</context>
<context>
    <name>SegmentsTab</name>
    <message>
        <source>Per-segment results need the show&apos;s rundown: add segments on the Shows page. With the live timer running during the show, each segment&apos;s real start and end are used.</source>
        <translation>分环节数据需要直播流程：请在直播计划页添加环节。直播时开着计时器，就会按每个环节实际的开始和结束时间统计。</translation>
    </message>
    <message>
        <source>This show has no rundown</source>
        <translation>这场直播没有流程</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Business name:</source>
        <translation>店铺名称(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>币种(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Mute the timer&apos;s sounds</source>
        <translation>计时提示音静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Play the warning sound</source>
        <translation>试听提醒音(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Ship-from address:</source>
        <translation>发货地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>音量(&amp;V)：</translation>
    </message>
    <message>
        <source>A new language or currency is used from the next time you start StreamDesk.</source>
        <translation>更改的语言或币种在下次启动 StreamDesk 时生效。</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Kuaishou</source>
        <translation>快手</translation>
    </message>
    <message>
        <source>Live show sounds</source>
        <translation>直播提示音</translation>
    </message>
    <message>
        <source>Name, phone and full address for courier labels</source>
        <translation>寄件人姓名、电话和完整地址，用于快递面单</translation>
    </message>
    <message>
        <source>Platforms you sell on</source>
        <translation>你开店的平台</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>Shown on posters and packing slips</source>
        <translation>显示在海报和发货单上</translation>
    </message>
    <message>
        <source>Sounds play when a segment reaches its warning and danger times, when it runs over, and when a flash sale ends.</source>
        <translation>每段到达提醒和紧急时间、超时以及秒杀结束时会播放提示音。</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>The currency must be a three-letter code such as CNY or USD.</source>
        <translation>币种必须是三个字母的代码，例如 CNY 或 USD。</translation>
    </message>
    <message>
        <source>The settings could not be saved to {path}: {reason}. Nothing was changed.</source>
        <translation>设置无法保存到 {path}：{reason}。没有做任何更改。</translation>
    </message>
    <message>
        <source>TikTok Shop</source>
        <translation>TikTok Shop</translation>
    </message>
    <message>
        <source>WeChat Channels</source>
        <translation>视频号</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}%</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>标记发货</translation>
    </message>
    <message>
        <source>Order {order_no} is set to shipped with this tracking number.</source>
        <translation>订单 {order_no} 将以这个运单号设为已发货。</translation>
    </message>
    <message>
        <source>The number on the label</source>
        <translation>面单上的运单号</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
</context>
<context>
    <name>ShortcutsOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Press Esc or F1 to close.</source>
        <translation>按 Esc 或 F1 关闭。</translation>
    </message>
</context>
<context>
    <name>ShowCommands</name>
    <message>
        <source>Add “{title}”</source>
        <translation>新建“{title}”</translation>
    </message>
    <message>
        <source>Delete “{title}”</source>
        <translation>删除“{title}”</translation>
    </message>
    <message>
        <source>Duplicate “{title}”</source>
        <translation>复制“{title}”</translation>
    </message>
    <message>
        <source>Edit “{title}”</source>
        <translation>编辑“{title}”</translation>
    </message>
    <message>
        <source>Mark “{title}” as {status}</source>
        <translation>将“{title}”标记为{status}</translation>
    </message>
    <message>
        <source>New show “{title}” from a template</source>
        <translation>从模板新建直播“{title}”</translation>
    </message>
    <message>
        <source>Save “{title}” as a template</source>
        <translation>将“{title}”存为模板</translation>
    </message>
    <message>
        <source>{title} (copy)</source>
        <translation>{title}（副本）</translation>
    </message>
</context>
<context>
    <name>ShowDialog</name>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Costs of this show: fixed (venue, equipment) and variable (ads/投流, samples)</source>
        <translation>本场费用：固定费用（场地、设备）与变动费用（投流、样品）</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Edit show</source>
        <translation>编辑直播</translation>
    </message>
    <message>
        <source>Edit template</source>
        <translation>编辑模板</translation>
    </message>
    <message>
        <source>Fix the fields marked in red to save.</source>
        <translation>请先改正标红的字段再保存。</translation>
    </message>
    <message>
        <source>Give the show a title, then save.</source>
        <translation>填写直播标题后即可保存。</translation>
    </message>
    <message>
        <source>Goals and SKU targets</source>
        <translation>目标与 SKU 目标</translation>
    </message>
    <message>
        <source>New followers / members</source>
        <translation>新增粉丝 / 会员</translation>
    </message>
    <message>
        <source>New show</source>
        <translation>新建直播</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>People and promotions</source>
        <translation>人员与促销</translation>
    </message>
    <message>
        <source>People and roles (one person may hold several)</source>
        <translation>人员与分工（一人可兼多职）</translation>
    </message>
    <message>
        <source>Planned duration</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>计划开播</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Promotions and their rules</source>
        <translation>促销活动及规则</translation>
    </message>
    <message>
        <source>Sales target per SKU</source>
        <translation>各 SKU 销售目标</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Target GMV</source>
        <translation>目标 GMV</translation>
    </message>
    <message>
        <source>Target orders</source>
        <translation>目标订单数</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>标题 *</translation>
    </message>
</context>
<context>
    <name>ShowFields</name>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Anything the team should know: samples to prepare, guests, links</source>
        <translation>团队需要知道的事：要准备的样品、嘉宾、链接等</translation>
    </message>
    <message>
        <source>No date yet</source>
        <translation>暂无日期</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>The clocks go back from {start} to {end} on this day: the times in between come twice, and the show starts at the first of them.</source>
        <translation>这一天时钟会从 {start} 拨回到 {end}：其间的时间会出现两次，直播按第一次开始。</translation>
    </message>
    <message>
        <source>The clocks go forward from {start} to {end} on this day: the times in between do not exist, so the show cannot start then.</source>
        <translation>这一天时钟会从 {start} 拨快到 {end}：其间的时间不存在，直播不能在这段时间开始。</translation>
    </message>
    <message>
        <source>What this stream is about, e.g. summer sun protection</source>
        <translation>本场主题，例如：夏季防晒</translation>
    </message>
    <message>
        <source>e.g. 周五夏季新品专场</source>
        <translation>例如：周五夏季新品专场</translation>
    </message>
    <message>
        <source>ends at {time}</source>
        <translation>{time} 结束</translation>
    </message>
    <message>
        <source>ends at {time} the next day</source>
        <translation>次日 {time} 结束</translation>
    </message>
</context>
<context>
    <name>ShowFlows</name>
    <message>
        <source>Add SKU targets</source>
        <translation>添加目标 SKU</translation>
    </message>
    <message>
        <source>Template “{title}” saved. Find it under Templates (Alt+4).</source>
        <translation>模板“{title}”已保存，可在“模板”（Alt+4）中找到。</translation>
    </message>
    <message>
        <source>There are no templates yet. Select a show you run often and choose Save as template.</source>
        <translation>还没有模板。选中一场常做的直播，再选“存为模板”。</translation>
    </message>
    <message>
        <source>“{title}” deleted. Press Ctrl+Z to undo.</source>
        <translation>已删除“{title}”。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>“{title}” has already gone live; its status follows the live timer.</source>
        <translation>“{title}”已经开播，其状态由直播计时器决定。</translation>
    </message>
    <message>
        <source>“{title}” has been run live, so it cannot be deleted: its timer log is the record of the show. Mark it as cancelled instead, or leave it under Past.</source>
        <translation>“{title}”已经正式开播过，不能删除：计时记录就是这场直播的档案。可以将它标记为已取消，或留在“已结束”中。</translation>
    </message>
</context>
<context>
    <name>ShowLabels</name>
    <message>
        <source>Assistant / floor control</source>
        <translation>助播 / 场控</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>视频号</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Douyin (抖音)</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Etsy</source>
        <translation>Etsy</translation>
    </message>
    <message>
        <source>Fixed cost</source>
        <translation>固定费用</translation>
    </message>
    <message>
        <source>Flash sale</source>
        <translation>秒杀</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主播</translation>
    </message>
    <message>
        <source>Kuaishou</source>
        <translation>快手</translation>
    </message>
    <message>
        <source>Kuaishou (快手)</source>
        <translation>快手</translation>
    </message>
    <message>
        <source>Live now</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>Lucky bag (福袋)</source>
        <translation>福袋</translation>
    </message>
    <message>
        <source>Lucky draw</source>
        <translation>抽奖</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Red packet</source>
        <translation>红包</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>Special price</source>
        <translation>特价</translation>
    </message>
    <message>
        <source>Spend-and-discount (满折)</source>
        <translation>满折</translation>
    </message>
    <message>
        <source>Spend-and-save (满减)</source>
        <translation>满减</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>Taobao Live (淘宝)</source>
        <translation>淘宝直播</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>TikTok</source>
        <translation>TikTok</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Variable cost</source>
        <translation>变动费用</translation>
    </message>
    <message>
        <source>WeChat Channels (视频号)</source>
        <translation>视频号</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Whatnot</source>
        <translation>Whatnot</translation>
    </message>
    <message>
        <source>e.g. 3 winners, share the stream to join</source>
        <translation>例如：抽 3 人，分享直播间参与</translation>
    </message>
    <message>
        <source>e.g. 50 pieces at ¥9.9 at 20:30</source>
        <translation>例如：20:30 秒杀 50 件，¥9.9</translation>
    </message>
    <message>
        <source>e.g. every 15 minutes, comment to join</source>
        <translation>例如：每 15 分钟一轮，评论口令参与</translation>
    </message>
    <message>
        <source>e.g. live price ¥59 on the hero product</source>
        <translation>例如：主推款直播价 ¥59</translation>
    </message>
    <message>
        <source>e.g. ¥10 off over ¥99, new followers only</source>
        <translation>例如：满 ¥99 减 ¥10，仅限新粉</translation>
    </message>
    <message>
        <source>e.g. ¥200 in 50 packets for followers</source>
        <translation>例如：粉丝红包 ¥200，共 50 个</translation>
    </message>
    <message>
        <source>e.g. 满199减30</source>
        <translation>例如：满199减30</translation>
    </message>
    <message>
        <source>e.g. 满2件9折</source>
        <translation>例如：满2件9折</translation>
    </message>
    <message>
        <source>{date} {weekday} {time}</source>
        <translation>{date} {weekday} {time}</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>ShowListModel</name>
    <message numerus="yes">
        <source>%n segment(s), {duration} in the rundown</source>
        <translation>
            <numerusform>%n 个环节，流程共 {duration}</numerusform>
        </translation>
    </message>
    <message>
        <source>No date yet</source>
        <translation>暂无日期</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开播时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Target GMV</source>
        <translation>目标 GMV</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>no time</source>
        <translation>无时长</translation>
    </message>
</context>
<context>
    <name>ShowParts</name>
    <message>
        <source>Add SKUs…</source>
        <translation>添加 SKU…</translation>
    </message>
    <message>
        <source>Add a row (Insert)</source>
        <translation>添加一行（Insert）</translation>
    </message>
    <message>
        <source>Add cost</source>
        <translation>添加费用</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Add promotion</source>
        <translation>添加促销</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the current row (Delete)</source>
        <translation>移除当前行（Delete）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>分工</translation>
    </message>
    <message>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Search the catalogue for SKUs to add (Insert)</source>
        <translation>在商品目录中搜索要添加的 SKU（Insert）</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Total {total} (fixed {fixed}, variable {variable})</source>
        <translation>合计 {total}（固定 {fixed}，变动 {variable}）</translation>
    </message>
    <message>
        <source>What for</source>
        <translation>用途</translation>
    </message>
</context>
<context>
    <name>ShowPicker</name>
    <message>
        <source>{when} · {title} ({status})</source>
        <translation>{when} · {title}（{status}）</translation>
    </message>
</context>
<context>
    <name>ShowSearchBox</name>
    <message>
        <source>Search shows by title or theme</source>
        <translation>按标题或主题搜索直播</translation>
    </message>
</context>
<context>
    <name>ShowSummaryPanel</name>
    <message numerus="yes">
        <source>%n SKU target(s)</source>
        <translation>
            <numerusform>%n 个 SKU 目标</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking link(s)</source>
        <translation>
            <numerusform>%n 个预约链接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n 人预约</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>%n 项即将到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new follower(s)</source>
        <translation>
            <numerusform>新增粉丝 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n short of stock</source>
        <translation>
            <numerusform>%n 个库存不足</numerusform>
        </translation>
    </message>
    <message>
        <source>GMV {amount}</source>
        <translation>GMV {amount}</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>No date yet</source>
        <translation>暂无日期</translation>
    </message>
    <message>
        <source>No show selected</source>
        <translation>未选择直播</translation>
    </message>
    <message>
        <source>Pick a show in the list to see its plan and edit its rundown here.</source>
        <translation>在列表中选择一场直播，即可在此查看计划并编辑流程。</translation>
    </message>
    <message>
        <source>Promotions:</source>
        <translation>促销：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>预热：</translation>
    </message>
    <message>
        <source>budget {amount}</source>
        <translation>预算 {amount}</translation>
    </message>
    <message>
        <source>{done} of {total} tasks done</source>
        <translation>任务已完成 {done}/{total}</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
</context>
<context>
    <name>ShowsActions</name>
    <message>
        <source>A month at a time; pick a day to see its shows</source>
        <translation>按月查看；选择某天即可查看当天的直播</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Copy the selected show to a new date</source>
        <translation>把选中的直播复制到新日期</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected show (undoable)</source>
        <translation>删除选中的直播（可撤销）</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <source>Edit the selected show</source>
        <translation>编辑选中的直播</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Every show</source>
        <translation>所有直播</translation>
    </message>
    <message>
        <source>Keep this show&apos;s plan to start new shows from</source>
        <translation>保存这场直播的计划，以后用来开新直播</translation>
    </message>
    <message>
        <source>Mark as cancelled</source>
        <translation>标记为已取消</translation>
    </message>
    <message>
        <source>Mark as draft</source>
        <translation>标记为草稿</translation>
    </message>
    <message>
        <source>Mark as scheduled</source>
        <translation>标记为已排期</translation>
    </message>
    <message>
        <source>New from template…</source>
        <translation>从模板新建…</translation>
    </message>
    <message>
        <source>New show</source>
        <translation>新建直播</translation>
    </message>
    <message>
        <source>Past</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Plan a new show</source>
        <translation>规划一场新直播</translation>
    </message>
    <message>
        <source>Plans to start new shows from</source>
        <translation>用来开新直播的计划</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>SKUs with less stock than the show&apos;s targets</source>
        <translation>库存低于本场目标的 SKU</translation>
    </message>
    <message>
        <source>Save as template…</source>
        <translation>存为模板…</translation>
    </message>
    <message>
        <source>Shows still to come, earliest first</source>
        <translation>尚未结束的直播，最早的在前</translation>
    </message>
    <message>
        <source>Shows that have ended, latest first</source>
        <translation>已结束的直播，最近的在前</translation>
    </message>
    <message>
        <source>Start a new show from a template</source>
        <translation>基于模板开一场新直播</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stock check</source>
        <translation>库存检查</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>即将开播</translation>
    </message>
</context>
<context>
    <name>ShowsPage</name>
    <message numerus="yes">
        <source>%n show(s)</source>
        <translation>
            <numerusform>%n 场直播</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the spelling, or search for part of the title or theme.</source>
        <translation>请检查拼写，或只搜索标题或主题中的一部分。</translation>
    </message>
    <message>
        <source>No past shows yet</source>
        <translation>还没有已结束的直播</translation>
    </message>
    <message>
        <source>No shows match “{text}”</source>
        <translation>没有与“{text}”匹配的直播</translation>
    </message>
    <message>
        <source>No shows on {day}</source>
        <translation>{day} 没有直播</translation>
    </message>
    <message>
        <source>No shows planned yet</source>
        <translation>还没有规划直播</translation>
    </message>
    <message>
        <source>No shows this month</source>
        <translation>本月没有直播</translation>
    </message>
    <message>
        <source>No templates yet</source>
        <translation>还没有模板</translation>
    </message>
    <message>
        <source>Nothing planned</source>
        <translation>暂无计划</translation>
    </message>
    <message>
        <source>Pick another month, or plan a show with Ctrl+N.</source>
        <translation>换一个月份看看，或按 Ctrl+N 规划一场直播。</translation>
    </message>
    <message>
        <source>Plan your next stream: its date, platforms, goals, team and rundown. Press Ctrl+N to start.</source>
        <translation>规划下一场直播：日期、平台、目标、团队和流程。按 Ctrl+N 开始。</translation>
    </message>
    <message>
        <source>Press Ctrl+N to plan one on this day at 20:00.</source>
        <translation>按 Ctrl+N 在这天 20:00 规划一场。</translation>
    </message>
    <message>
        <source>Select a show you run often and choose Save as template (Ctrl+Shift+T); new shows can then start from its plan and rundown.</source>
        <translation>选中一场常做的直播，选择“存为模板”（Ctrl+Shift+T）；之后新直播就能沿用它的计划和流程。</translation>
    </message>
    <message>
        <source>Shows in {month}:</source>
        <translation>{month} 的直播：</translation>
    </message>
    <message>
        <source>Shows move here once their planned end has passed or the live timer has finished them.</source>
        <translation>直播过了计划结束时间，或在直播计时器中结束后，会移到这里。</translation>
    </message>
    <message>
        <source>Shows on {day}:</source>
        <translation>{day} 的直播：</translation>
    </message>
    <message>
        <source>StreamDesk shows — {database}</source>
        <translation>StreamDesk 直播计划 — {database}</translation>
    </message>
    <message>
        <source>Whole month</source>
        <translation>整月</translation>
    </message>
    <message numerus="yes">
        <source>Your %n past show(s) are under Past (Alt+2). Plan the next one, or duplicate a past show (Ctrl+D).</source>
        <translation>
            <numerusform>你的 %n 场往期直播在“已结束”（Alt+2）中。规划下一场，或复制一场往期直播（Ctrl+D）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&amp;Explore with demo data</source>
        <translation>用演示数据体验(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import my catalogue</source>
        <translation>导入我的商品目录(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Start empty</source>
        <translation>从空白开始(&amp;S)</translation>
    </message>
    <message>
        <source>Add products and plan your first show yourself.</source>
        <translation>自己添加商品，安排第一场直播。</translation>
    </message>
    <message>
        <source>How would you like to start?</source>
        <translation>你想怎样开始？</translation>
    </message>
    <message>
        <source>Opens a second window on a made-up shop. Nothing you do there touches your own data.</source>
        <translation>在另一个窗口打开一家虚构的店铺。在那里的任何操作都不会影响你自己的数据。</translation>
    </message>
    <message>
        <source>Opens the catalogue import: a spreadsheet or CSV file of your products.</source>
        <translation>打开商品导入：选择商品的表格或 CSV 文件。</translation>
    </message>
    <message>
        <source>You can run this wizard again from the File menu.</source>
        <translation>以后可以从“文件”菜单再次运行此向导。</translation>
    </message>
</context>
<context>
    <name>StartPicker</name>
    <message>
        <source>No date yet</source>
        <translation>暂无日期</translation>
    </message>
</context>
<context>
    <name>StockAdjustDialog</name>
    <message>
        <source> units</source>
        <translation> 件</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Adjust stock</source>
        <translation>调整库存</translation>
    </message>
    <message>
        <source>Change by</source>
        <translation>增减数量</translation>
    </message>
    <message>
        <source>Counted stock is</source>
        <translation>盘点后库存为</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional, e.g. found 2 damaged in the warehouse</source>
        <translation>选填，例如：仓库发现 2 件破损</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Stock after: {after}</source>
        <translation>调整后库存：{after}</translation>
    </message>
    <message numerus="yes">
        <source>The same change for each of %n SKU(s).</source>
        <translation>
            <numerusform>对 %n 个 SKU 分别做相同的调整。</numerusform>
        </translation>
    </message>
    <message>
        <source>{sku} has {count} on hand; stock cannot go below zero.</source>
        <translation>{sku} 现有库存 {count}，库存不能小于零。</translation>
    </message>
    <message>
        <source>{title} {spec} (SKU {sku}): {count} on hand</source>
        <translation>{title} {spec}（SKU {sku}）：现有库存 {count}</translation>
    </message>
</context>
<context>
    <name>StockCheckDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) have less stock than this show&apos;s target. Restock them or lower the targets.</source>
        <translation>
            <numerusform>%n 个 SKU 的库存低于本场目标。请补货或调低目标。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n SKU target(s) of this show are covered by the stock on hand.</source>
        <translation>
            <numerusform>本场全部 %n 个 SKU 目标都有足够库存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking stock…</source>
        <translation>正在检查库存…</translation>
    </message>
    <message>
        <source>Copy list</source>
        <translation>复制清单</translation>
    </message>
    <message>
        <source>Copy the short SKUs as a table, e.g. to send to a supplier</source>
        <translation>把缺货 SKU 复制为表格，例如发给供应商</translation>
    </message>
    <message>
        <source>Edit the show (Enter) and add SKUs under “Goals and SKU targets” to check their stock.</source>
        <translation>编辑直播（回车），在“目标与 SKU 目标”中添加 SKU，即可检查其库存。</translation>
    </message>
    <message>
        <source>Enough stock for every target</source>
        <translation>库存足以覆盖所有目标</translation>
    </message>
    <message>
        <source>Stock check: {title}</source>
        <translation>库存检查：{title}</translation>
    </message>
    <message>
        <source>This show has no SKU targets</source>
        <translation>本场还没有 SKU 目标</translation>
    </message>
</context>
<context>
    <name>StockCheckModel</name>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>StockDialog</name>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Initial stock</source>
        <translation>初始库存</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>补货</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
</context>
<context>
    <name>StockHistoryDialog</name>
    <message>
        <source>A bundle has no stock of its own: its stock follows its components.</source>
        <translation>组合装没有自己的库存，它的库存由组件决定。</translation>
    </message>
    <message>
        <source>No stock moves yet.</source>
        <translation>还没有库存变动。</translation>
    </message>
    <message>
        <source>Stock history of {sku}</source>
        <translation>{sku} 的库存记录</translation>
    </message>
    <message>
        <source>{title} {spec}: {count} on hand now</source>
        <translation>{title} {spec}：现有库存 {count}</translation>
    </message>
</context>
<context>
    <name>StockMovesModel</name>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Stock after</source>
        <translation>变动后库存</translation>
    </message>
    <message>
        <source>Undo of an earlier adjustment</source>
        <translation>撤销之前的调整</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>SuggestionCard</name>
    <message>
        <source>Bring back</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Hide this suggestion; it stays hidden until its answer changes (Ctrl+Z undoes)</source>
        <translation>隐藏这条建议；在结论改变前不再显示（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Make it {role}</source>
        <translation>设为{role}</translation>
    </message>
    <message>
        <source>Set this role on the product in the catalogue (Ctrl+Z undoes)</source>
        <translation>在商品库里给这个商品设定这个定位（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Show this suggestion among the others again</source>
        <translation>把这条建议重新显示出来</translation>
    </message>
</context>
<context>
    <name>SuggestionList</name>
    <message>
        <source>Hide the dismissed suggestions ({n})</source>
        <translation>收起已忽略的建议（{n}）</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>节奏</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Show the dismissed suggestions ({n})</source>
        <translation>查看已忽略的建议（{n}）</translation>
    </message>
    <message>
        <source>When to go live and for how long</source>
        <translation>什么时候开播、播多久</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>%n line(s) match no SKU in your catalogue yet: map each once and its stock is taken.</source>
        <translation>
            <numerusform>有 %n 个商品行在商品库中还找不到 SKU：每种对应一次，即会扣减库存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Map them now…</source>
        <translation>现在对应…</translation>
    </message>
    <message>
        <source>Orders added: {added} · updated: {updated} · order lines: {lines} · stock moves: {moves} · rows skipped: {skipped}.</source>
        <translation>新增订单：{added} · 更新：{updated} · 商品行：{lines} · 库存变动：{moves} · 跳过的行：{skipped}。</translation>
    </message>
    <message>
        <source>Skipped rows and why:</source>
        <translation>跳过的行及原因：</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Add task</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>截止：</translation>
    </message>
    <message>
        <source>Edit task</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>after the start</source>
        <translation>开播后</translation>
    </message>
    <message>
        <source>before the start</source>
        <translation>开播前</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Done at {time}</source>
        <translation>完成于 {time}</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Tick when it is done (Space)</source>
        <translation>完成后勾选（空格键）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>done {when}</source>
        <translation>{when}完成</translation>
    </message>
    <message>
        <source>overdue, due {when}</source>
        <translation>已逾期，截止于{when}</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Add a warm-up task</source>
        <translation>添加一项预热任务</translation>
    </message>
    <message>
        <source>Add task…</source>
        <translation>添加任务…</translation>
    </message>
    <message>
        <source>Add what has to happen before the show: a teaser video three days ahead, ads submitted for review five hours ahead, the preview loop half an hour ahead. Due times follow the planned start.</source>
        <translation>添加开播前要做的事：提前三天发预告短视频，提前五小时提交投流审核，提前半小时循环播放预告片。截止时间随开播时间自动调整。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected task (undoable)</source>
        <translation>删除选中的任务（可撤销）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Edit default template…</source>
        <translation>编辑默认模板…</translation>
    </message>
    <message>
        <source>Edit the selected task</source>
        <translation>编辑选中的任务</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message numerus="yes">
        <source>New shows will start with these %n task(s). Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>新直播将以这 %n 项任务开始。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>New shows will start with this show&apos;s checklist</source>
        <translation>新直播将以本场的任务清单为起点</translation>
    </message>
    <message>
        <source>No warm-up tasks</source>
        <translation>没有预热任务</translation>
    </message>
    <message>
        <source>Save as default template</source>
        <translation>存为默认模板</translation>
    </message>
    <message>
        <source>Saved the default warm-up tasks. Shows already warmed up keep their own.</source>
        <translation>已保存默认预热任务。已开始预热的直播保留各自的任务。</translation>
    </message>
    <message>
        <source>The show has no planned start yet, so its tasks have no due times.</source>
        <translation>这场直播还没有开播时间，所以任务没有截止时间。</translation>
    </message>
    <message>
        <source>The tasks new shows start with</source>
        <translation>新直播初始的预热任务</translation>
    </message>
    <message>
        <source>Tick the selected task off, or untick it</source>
        <translation>勾选或取消勾选选中的任务</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>{done} of {total} done · {overdue} overdue · {soon} due soon</source>
        <translation>已完成 {done}/{total} · 逾期 {overdue} · 即将到期 {soon}</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseBox</name>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: the server answered. {database} holds a StreamDesk shop (schema {version}, %n product(s)).</source>
        <translation>
            <numerusform>连接成功：服务器已响应。{database} 里已有 StreamDesk 店铺（结构版本 {version}，%n 个商品）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected: the server answered. {database} holds a shop of an older StreamDesk (schema {version}, %n product(s)); it is upgraded the first time StreamDesk starts with it.</source>
        <translation>
            <numerusform>连接成功：服务器已响应。{database} 里是旧版 StreamDesk 的店铺（结构版本 {version}，%n 个商品）；StreamDesk 第一次用它启动时会升级它。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected: the server answered. {database} is empty; StreamDesk sets up the shop in it the first time it starts with it.</source>
        <translation>连接成功：服务器已响应。{database} 是空的；StreamDesk 第一次用它启动时会在里面建好店铺。</translation>
    </message>
    <message>
        <source>D&amp;atabase:</source>
        <translation>数据库(&amp;A)：</translation>
    </message>
    <message>
        <source>Database &amp;name:</source>
        <translation>数据库名(&amp;N)：</translation>
    </message>
    <message>
        <source>Database changed</source>
        <translation>数据库已更改</translation>
    </message>
    <message>
        <source>For a team database, give at least the server&apos;s host and the database name.</source>
        <translation>使用团队数据库时，至少要填写服务器的主机和数据库名。</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <source>Team database on a PostgreSQL server</source>
        <translation>PostgreSQL 服务器上的团队数据库</translation>
    </message>
    <message>
        <source>Test connect&amp;ion</source>
        <translation>测试连接(&amp;I)</translation>
    </message>
    <message>
        <source>The new database was saved. The STREAMDESK_DB setting of this computer names {database}, which StreamDesk keeps opening until it is removed.</source>
        <translation>新的数据库已保存。但这台电脑的 STREAMDESK_DB 设置指定了 {database}，在去掉该设置之前，StreamDesk 仍会打开它。</translation>
    </message>
    <message>
        <source>The settings were saved. StreamDesk opens {database} the next time it starts: restart it now to work there.</source>
        <translation>设置已保存。StreamDesk 下次启动时会打开{database}：现在重启即可在那里工作。</translation>
    </message>
    <message>
        <source>This computer only (a file)</source>
        <translation>仅本机（一个文件）</translation>
    </message>
    <message>
        <source>Us&amp;er:</source>
        <translation>用户名(&amp;E)：</translation>
    </message>
    <message>
        <source>Used from the next time StreamDesk starts. The password is kept in your settings file, which only your user account can read.</source>
        <translation>下次启动 StreamDesk 时生效。密码保存在你的设置文件里，只有你的系统账户能读取。</translation>
    </message>
    <message>
        <source>the shop file on this computer</source>
        <translation>本机上的店铺文件</translation>
    </message>
    <message>
        <source>the team database {host}/{name}</source>
        <translation>团队数据库 {host}/{name}</translation>
    </message>
</context>
<context>
    <name>TeamUnreachable</name>
    <message>
        <source>Open this computer&apos;s file</source>
        <translation>打开本机文件</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>You can try again, or work on this computer&apos;s own file for now ({file}). What you do there stays on this computer; File → Settings… chooses the database StreamDesk opens.</source>
        <translation>可以重试，或者暂时使用这台电脑自己的文件（{file}）。在其中做的修改只保存在这台电脑上；在“文件 → 设置…”中可以选择 StreamDesk 打开哪个数据库。</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>A run copies these checks when it starts, so changes here apply to the next run, never to past ones. Critical checks decide GO or NO-GO.</source>
        <translation>每次检查开始时会复制这些检查项，所以这里的修改只影响下一次检查，不会改动过去的记录。关键项决定能否开播。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>关键项</translation>
    </message>
    <message>
        <source>Default warm-up tasks</source>
        <translation>默认预热任务</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>New shows start their warm-up checklist from these tasks. Times are relative to the show&apos;s planned start, so moving a show moves its tasks. “Publish the booking link” is repeated for every channel.</source>
        <translation>新直播的预热清单从这些任务开始。时间相对于计划开播时间，改动开播时间，任务随之移动。“发布预约链接”会为每个渠道各生成一项。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>关键</translation>
    </message>
</context>
<context>
    <name>TemplateFlows</name>
    <message>
        <source>A new checklist, starting as a copy of this one</source>
        <translation>新建一份检查清单，从当前这份复制</translation>
    </message>
    <message>
        <source>Add, remove and reorder checks</source>
        <translation>添加、删除检查项并调整顺序</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Delete checklist</source>
        <translation>删除检查清单</translation>
    </message>
    <message>
        <source>Delete checklist…</source>
        <translation>删除检查清单…</translation>
    </message>
    <message>
        <source>Delete the checklist “{name}”? Past runs keep their results; Ctrl+Z brings it back.</source>
        <translation>删除检查清单“{name}”？过去的检查记录会保留；按 Ctrl+Z 可以恢复。</translation>
    </message>
    <message>
        <source>Delete this checklist (undoable)</source>
        <translation>删除这份检查清单（可撤销）</translation>
    </message>
    <message>
        <source>Edit checklist</source>
        <translation>编辑检查清单</translation>
    </message>
    <message>
        <source>Edit checklist…</source>
        <translation>编辑检查清单…</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>My checklist</source>
        <translation>我的检查清单</translation>
    </message>
    <message>
        <source>New checklist</source>
        <translation>新建检查清单</translation>
    </message>
    <message>
        <source>New checklist…</source>
        <translation>新建检查清单…</translation>
    </message>
    <message>
        <source>New runs use this checklist</source>
        <translation>新的检查使用这份清单</translation>
    </message>
    <message>
        <source>Saved the checklist. The next run uses it; runs already started keep theirs.</source>
        <translation>已保存检查清单。下一次检查会使用它；已经开始的检查保持原样。</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name}（副本）</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
</context>
<context>
    <name>ThresholdsDelegate</name>
    <message>
        <source>2:00 / 1:00</source>
        <translation>2:00 / 1:00</translation>
    </message>
    <message>
        <source>Remaining time when the timer shows the warning colour, then the danger colour, as m:ss / m:ss</source>
        <translation>计时器先显示提醒色、再显示紧急色时的剩余时间，格式 分:秒 / 分:秒</translation>
    </message>
</context>
<context>
    <name>TimerDisplay</name>
    <message>
        <source>Ended {time}</source>
        <translation>{time} 结束</translation>
    </message>
    <message>
        <source>Ends {time}</source>
        <translation>预计 {time} 结束</translation>
    </message>
    <message>
        <source>Last segment</source>
        <translation>最后一段</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>下一段：{title}</translation>
    </message>
    <message>
        <source>On air {time}</source>
        <translation>已播 {time}</translation>
    </message>
    <message>
        <source>On schedule</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Press Space to start</source>
        <translation>按空格键开始</translation>
    </message>
    <message>
        <source>Segment {number} of {count}</source>
        <translation>第 {number} 段，共 {count} 段</translation>
    </message>
    <message>
        <source>Show ended</source>
        <translation>直播已结束</translation>
    </message>
    <message>
        <source>Start wrapping up</source>
        <translation>准备收尾</translation>
    </message>
    <message>
        <source>Wrap up now</source>
        <translation>马上收尾</translation>
    </message>
    <message>
        <source>{time} ahead</source>
        <translation>提前 {time}</translation>
    </message>
    <message>
        <source>{time} behind</source>
        <translation>落后 {time}</translation>
    </message>
</context>
<context>
    <name>TimerHandover</name>
    <message>
        <source>The timer was taken over on {machine}; this laptop follows it now.</source>
        <translation>计时已由 {machine} 接管，这台电脑现在跟随它。</translation>
    </message>
</context>
<context>
    <name>TotalsDialog</name>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Show totals</source>
        <translation>整场数据</translation>
    </message>
    <message>
        <source>Some figures are not numbers; they are marked in red.</source>
        <translation>有些数据不是数字，已用红色标出。</translation>
    </message>
    <message>
        <source>Type the figures the platform&apos;s dashboard shows for this show. Leave a figure blank when you do not know it: blank means unknown, not zero. Times as mm:ss, h:mm:ss or seconds.</source>
        <translation>填写平台后台显示的本场数据。不知道的项留空：留空表示未知，不是零。时长写作 分:秒、时:分:秒 或秒数。</translation>
    </message>
    <message>
        <source>Write a time as mm:ss, h:mm:ss or seconds, for example 1:25.</source>
        <translation>时长请写作 分:秒、时:分:秒 或秒数，例如 1:25。</translation>
    </message>
    <message>
        <source>Write a whole number, for example 1234, or leave it blank.</source>
        <translation>请填写整数，例如 1234，或留空。</translation>
    </message>
    <message>
        <source>Write an amount, for example 12345.60.</source>
        <translation>请填写金额，例如 12345.60。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>unknown · mm:ss</source>
        <translation>未知 · 分:秒</translation>
    </message>
    <message>
        <source>unknown · {symbol}0.00</source>
        <translation>未知 · {symbol}0.00</translation>
    </message>
</context>
<context>
    <name>TrendsModel</name>
    <message>
        <source>Avg. watch time</source>
        <translation>平均观看时长</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交金额</translation>
    </message>
    <message>
        <source>Gross profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Net GMV</source>
        <translation>净成交金额</translation>
    </message>
    <message>
        <source>New followers</source>
        <translation>新增粉丝</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>直播</translation>
    </message>
    <message>
        <source>Went live</source>
        <translation>开播时间</translation>
    </message>
</context>
<context>
    <name>TrendsTab</name>
    <message numerus="yes">
        <source>%n show(s). The moving average covers the last {window} shows.</source>
        <translation>
            <numerusform>共 %n 场。移动平均取最近 {window} 场。</numerusform>
        </translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>No reviewed shows yet on {platform}.</source>
        <translation>{platform}上还没有复盘过的直播。</translation>
    </message>
    <message>
        <source>No reviewed shows yet. Shows appear here once they have gone live.</source>
        <translation>还没有复盘过的直播。直播开播后会出现在这里。</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
</context>
<context>
    <name>UndoTips</name>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo: {step} (Ctrl+Y)</source>
        <translation>重做：{step}（Ctrl+Y）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo: {step} (Ctrl+Z)</source>
        <translation>撤销：{step}（Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>UnmatchedLinesDialog</name>
    <message numerus="yes">
        <source>%n line(s) mapped to {sku}, this time only.</source>
        <translation>
            <numerusform>已将 %n 个商品行对应到 {sku}，仅此一次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) mapped to {sku}. Later imports map this line by themselves.</source>
        <translation>
            <numerusform>已将 %n 个商品行对应到 {sku}。以后导入时会自动对应。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) still to map</source>
        <translation>
            <numerusform>还有 %n 个商品行待对应</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose SKU…</source>
        <translation>选择 SKU…</translation>
    </message>
    <message>
        <source>Choose the SKU for “{title}”</source>
        <translation>为“{title}”选择 SKU</translation>
    </message>
    <message>
        <source>Every line is mapped.</source>
        <translation>所有商品行都已对应。</translation>
    </message>
    <message>
        <source>Lines to map to your catalogue</source>
        <translation>待对应到商品库的商品行</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>对应</translation>
    </message>
    <message>
        <source>Remember for later imports</source>
        <translation>记住，以后导入自动对应</translation>
    </message>
    <message>
        <source>These order lines match no SKU in your catalogue, so their stock has not been taken yet. Choose the SKU each one is. With “Remember” on, the same line in later imports is mapped by itself.</source>
        <translation>这些商品行在商品库中找不到 SKU，所以还没有扣库存。请为每一种选择对应的 SKU。勾选“记住”后，以后导入相同的商品行会自动对应。</translation>
    </message>
</context>
<context>
    <name>UnmatchedModel</name>
    <message>
        <source>Catalogue SKU</source>
        <translation>商品库 SKU</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>商品行</translation>
    </message>
    <message>
        <source>Not mapped yet</source>
        <translation>尚未对应</translation>
    </message>
    <message>
        <source>SKU in the file</source>
        <translation>文件中的 SKU</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Title in the file</source>
        <translation>文件中的标题</translation>
    </message>
</context>
<context>
    <name>ValidatedDialog</name>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Replace what is typed here with what is saved now</source>
        <translation>用现在已保存的内容替换这里填写的内容</translation>
    </message>
</context>
<context>
    <name>ValueDelegate</name>
    <message>
        <source>A note for this check</source>
        <translation>这一项的备注</translation>
    </message>
</context>
<context>
    <name>VariantsModel</name>
    <message>
        <source>Attributes as name=value pairs separated by semicolons, e.g. 颜色=红;尺码=M</source>
        <translation>用“属性=值”表示，多个之间用分号隔开，例如：颜色=红;尺码=M</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Bundle of</source>
        <translation>组合内容</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Enter a whole number of 0 or more.</source>
        <translation>请输入 0 或更大的整数。</translation>
    </message>
    <message>
        <source>For a bundle: the SKUs it is made of, e.g. SD-001×2; SD-002. Its stock follows its components.</source>
        <translation>组合装由哪些 SKU 组成，例如：SD-001×2; SD-002。它的库存由组件决定。</translation>
    </message>
    <message>
        <source>Initial stock for a new SKU. Existing stock changes through “Adjust stock” on the catalogue page.</source>
        <translation>新 SKU 的初始库存。已有库存请在商品目录页用“调整库存”修改。</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Live price (or list price when there is none) minus cost</source>
        <translation>直播价（没有直播价时用售价）减去成本</translation>
    </message>
    <message>
        <source>Low-stock alert</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>SKU row {row}, {column}: {message}</source>
        <translation>第 {row} 个 SKU 的“{column}”：{message}</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>The catalogue shows the stock in red at or below this number</source>
        <translation>库存不高于这个数时，商品目录中显示为红色</translation>
    </message>
    <message>
        <source>The quantity of “{sku}” must be at least 1.</source>
        <translation>“{sku}”的数量至少为 1。</translation>
    </message>
    <message>
        <source>There is no SKU “{sku}” in the catalogue.</source>
        <translation>商品目录中没有 SKU“{sku}”。</translation>
    </message>
    <message>
        <source>from components</source>
        <translation>由组件决定</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message numerus="yes">
        <source>%n other check(s) failed.</source>
        <translation>
            <numerusform>另有 %n 项未通过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) to look at.</source>
        <translation>
            <numerusform>有 %n 项警告需要查看。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Change results of this finished run</source>
        <translation>修改这次已完成检查的结果</translation>
    </message>
    <message>
        <source>Finish run</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <source>Finished {time}.</source>
        <translation>{time} 完成。</translation>
    </message>
    <message>
        <source>Fix them and check again. Going live anyway asks for a reason, kept with the show.</source>
        <translation>请处理后重新检查。若仍要开播，需要填写理由，理由会随这场直播保存。</translation>
    </message>
    <message>
        <source>GO — every critical check passed</source>
        <translation>可以开播 — 关键项全部通过</translation>
    </message>
    <message>
        <source>NO-GO — failed: {checks}</source>
        <translation>不能开播 — 未通过：{checks}</translation>
    </message>
    <message numerus="yes">
        <source>Not finished — %n critical check(s) still to do</source>
        <translation>
            <numerusform>尚未完成 — 还有 %n 个关键项没检查</numerusform>
        </translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Start a new run</source>
        <translation>开始新的检查</translation>
    </message>
    <message>
        <source>Started {time}.</source>
        <translation>{time} 开始。</translation>
    </message>
    <message>
        <source>Still to do: {checks}.</source>
        <translation>待检查：{checks}。</translation>
    </message>
    <message>
        <source>Store this verdict with the show (Ctrl+Enter)</source>
        <translation>把结论保存到这场直播（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Went live anyway: {reason}</source>
        <translation>仍然开播的理由：{reason}</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message numerus="yes">
        <source>%n buyer(s) waiting, {units} wanted · {left} in stock</source>
        <translation>
            <numerusform>%n 人候补，共要 {units} 件 · 库存 {left} 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Add to the waitlist</source>
        <translation>加入候补</translation>
    </message>
    <message>
        <source>Buyer&apos;s nickname</source>
        <translation>买家昵称</translation>
    </message>
    <message>
        <source>Cancel entry</source>
        <translation>取消候补</translation>
    </message>
    <message>
        <source>Mark fulfilled</source>
        <translation>标为已满足</translation>
    </message>
    <message>
        <source>The buyer got the product (sold after a restock, or set aside)</source>
        <translation>买家已拿到商品（补货后卖给了他，或已为他留货）</translation>
    </message>
    <message>
        <source>The buyer no longer waits</source>
        <translation>买家不再等了</translation>
    </message>
    <message>
        <source>Type the buyer&apos;s nickname first.</source>
        <translation>请先输入买家昵称。</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>候补名单</translation>
    </message>
    <message>
        <source>Waitlist · {product}</source>
        <translation>候补名单 · {product}</translation>
    </message>
</context>
<context>
    <name>WaitlistModel</name>
    <message>
        <source>Added</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Fulfilled</source>
        <translation>已满足</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>顺位</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补中</translation>
    </message>
</context>
<context>
    <name>WarmupCommands</name>
    <message>
        <source>Add the {channel} link</source>
        <translation>添加“{channel}”链接</translation>
    </message>
    <message>
        <source>Add “{task}”</source>
        <translation>添加“{task}”</translation>
    </message>
    <message>
        <source>Change the default warm-up tasks</source>
        <translation>修改默认预热任务</translation>
    </message>
    <message>
        <source>Delete the {channel} link</source>
        <translation>删除“{channel}”链接</translation>
    </message>
    <message>
        <source>Delete “{task}”</source>
        <translation>删除“{task}”</translation>
    </message>
    <message>
        <source>Edit the {channel} link</source>
        <translation>编辑“{channel}”链接</translation>
    </message>
    <message>
        <source>Edit “{task}”</source>
        <translation>编辑“{task}”</translation>
    </message>
    <message numerus="yes">
        <source>Import %n booking count(s)</source>
        <translation>
            <numerusform>导入 %n 个渠道的预约人数</numerusform>
        </translation>
    </message>
    <message>
        <source>Move a booking link</source>
        <translation>移动预约链接</translation>
    </message>
    <message>
        <source>Re-made the {channel} booking</source>
        <translation>重新创建“{channel}”预约</translation>
    </message>
    <message>
        <source>Set the {channel} bookings</source>
        <translation>设置“{channel}”预约人数</translation>
    </message>
    <message>
        <source>Tick off “{task}”</source>
        <translation>勾选“{task}”</translation>
    </message>
    <message>
        <source>Track channels with “{name}”</source>
        <translation>用“{name}”追踪渠道</translation>
    </message>
    <message>
        <source>Turn channel tracking off</source>
        <translation>关闭渠道追踪</translation>
    </message>
    <message>
        <source>Untick “{task}”</source>
        <translation>取消勾选“{task}”</translation>
    </message>
</context>
<context>
    <name>WarmupLabels</name>
    <message>
        <source>Ads live</source>
        <translation>开始投流</translation>
    </message>
    <message>
        <source>Customer groups</source>
        <translation>社群</translation>
    </message>
    <message>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <source>Loop the preview clip</source>
        <translation>循环播放预告片</translation>
    </message>
    <message>
        <source>Moments</source>
        <translation>朋友圈</translation>
    </message>
    <message>
        <source>Other channel</source>
        <translation>其他渠道</translation>
    </message>
    <message>
        <source>Other task</source>
        <translation>其他任务</translation>
    </message>
    <message>
        <source>Post the teaser short video with the show&apos;s time and theme</source>
        <translation>发布直播预告短视频（写明开播时间和主题）</translation>
    </message>
    <message>
        <source>Posters</source>
        <translation>海报</translation>
    </message>
    <message>
        <source>Prepare ads</source>
        <translation>准备投流</translation>
    </message>
    <message>
        <source>Preview loop</source>
        <translation>循环播放预告</translation>
    </message>
    <message>
        <source>Print and put up the posters</source>
        <translation>打印并张贴海报</translation>
    </message>
    <message>
        <source>Printed poster</source>
        <translation>门店海报</translation>
    </message>
    <message>
        <source>Publish the booking link</source>
        <translation>发布预约链接</translation>
    </message>
    <message>
        <source>Publish the booking link in {channel}</source>
        <translation>在{channel}发布预约链接</translation>
    </message>
    <message>
        <source>Short video</source>
        <translation>短视频</translation>
    </message>
    <message>
        <source>Start the paid promotion</source>
        <translation>开始投流</translation>
    </message>
    <message>
        <source>Submit the ads for review (leave time for the platform&apos;s check)</source>
        <translation>提交投流素材审核（给平台审核留足时间）</translation>
    </message>
    <message>
        <source>Teaser video</source>
        <translation>预告短视频</translation>
    </message>
    <message>
        <source>Warm-up task</source>
        <translation>预热任务</translation>
    </message>
    <message>
        <source>WeChat official account</source>
        <translation>公众号</translation>
    </message>
    <message>
        <source>Weibo</source>
        <translation>微博</translation>
    </message>
    <message>
        <source>Xiaohongshu</source>
        <translation>小红书</translation>
    </message>
</context>
<context>
    <name>WarmupNotifier</name>
    <message>
        <source>Due {time} ({relative}).</source>
        <translation>截止 {time}（{relative}）。</translation>
    </message>
    <message>
        <source>Overdue: it was due {time} ({relative}).</source>
        <translation>已逾期：截止时间为 {time}（{relative}）。</translation>
    </message>
    <message>
        <source>StreamDesk warm-up reminders</source>
        <translation>StreamDesk 预热提醒</translation>
    </message>
    <message>
        <source>Warm-up task due: “{task}” for {show}, {time} ({relative}).</source>
        <translation>预热任务到期：{show}的“{task}”，{time}（{relative}）。</translation>
    </message>
    <message>
        <source>Warm-up task overdue: “{task}” for {show} was due {time} ({relative}).</source>
        <translation>预热任务逾期：{show}的“{task}”截止于 {time}（{relative}）。</translation>
    </message>
    <message>
        <source>{task} — {show}</source>
        <translation>{task} — {show}</translation>
    </message>
</context>
<context>
    <name>WarmupPage</name>
    <message>
        <source>Booking links</source>
        <translation>预约链接</translation>
    </message>
    <message numerus="yes">
        <source>Booking links (%n warning(s))</source>
        <translation>
            <numerusform>预约链接（%n 条提醒）</numerusform>
        </translation>
    </message>
    <message>
        <source>No planned start yet: set one on the Shows page to get due times.</source>
        <translation>尚未设定开播时间：请在“直播计划”页设定，任务才会有截止时间。</translation>
    </message>
    <message>
        <source>No shows to warm up yet. Plan a show on the Shows page first; then come back here to add its booking links, QR codes, posters and warm-up tasks.</source>
        <translation>还没有可以预热的直播。请先在“直播计划”页安排一场直播，再回到这里添加预约链接、二维码、海报和预热任务。</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>海报</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>直播：</translation>
    </message>
    <message>
        <source>Starts {time} ({relative})</source>
        <translation>开播 {time}（{relative}）</translation>
    </message>
    <message>
        <source>StreamDesk warm-up — {database}</source>
        <translation>StreamDesk 直播预热 — {database}</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>预热任务</translation>
    </message>
    <message numerus="yes">
        <source>Tasks (%n overdue)</source>
        <translation>
            <numerusform>预热任务（%n 项逾期）</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>WarmupTexts</name>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>No start time</source>
        <translation>无开播时间</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>at the start</source>
        <translation>开播时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message numerus="yes">
        <source>in %n d</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>%n 小时后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>{duration} after the start</source>
        <translation>开播后 {duration}</translation>
    </message>
    <message>
        <source>{duration} before the start</source>
        <translation>开播前 {duration}</translation>
    </message>
</context>
<context>
    <name>advice</name>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Dismissed:</source>
        <translation>已忽略：</translation>
    </message>
    <message>
        <source>Go live at 12:00–14:00 or 18:00–22:00, for at least {hours} hours</source>
        <translation>在 12:00–14:00 或 18:00–22:00 开播，至少播 {hours} 小时</translation>
    </message>
    <message>
        <source>Make “{title}” a {role} product</source>
        <translation>把“{title}”定为{role}</translation>
    </message>
    <message>
        <source>No suggestions: nothing stands out yet.</source>
        <translation>暂无建议：目前没有明显的规律。</translation>
    </message>
    <message>
        <source>Now {current}. Across {n} shows: {figures}.</source>
        <translation>当前：{current}。{n} 场直播中：{figures}。</translation>
    </message>
    <message>
        <source>Pitched {pitches} times in {n} shows, {minutes} min in all, and no order came in during a pitch.</source>
        <translation>在 {n} 场直播中讲解了 {pitches} 次，共 {minutes} 分钟，讲解期间没有一单成交。</translation>
    </message>
    <message>
        <source>Plan your shows at about {hours} h</source>
        <translation>每场直播按约 {hours} 小时来安排</translation>
    </message>
    <message>
        <source>Plan {kind} segments at about {minutes} min</source>
        <translation>“{kind}”环节按约 {minutes} 分钟来安排</translation>
    </message>
    <message>
        <source>Start at {hour} on weekdays</source>
        <translation>工作日 {hour} 开播</translation>
    </message>
    <message>
        <source>Start at {hour} on weekends</source>
        <translation>周末 {hour} 开播</translation>
    </message>
    <message>
        <source>Stay live {band}</source>
        <translation>每场播 {band}</translation>
    </message>
    <message>
        <source>These are the common defaults, not your figures: you have {n} streamed shows, and advice from your own history starts at 5.</source>
        <translation>这是通用的默认建议，不是你的数据：你目前有 {n} 场已开播的直播，满 5 场后才会根据你自己的历史给建议。</translation>
    </message>
    <message>
        <source>These are the common defaults: across your {n} streamed shows no start hour or length came up in at least 2 shows with viewer figures, so there is nothing of yours to compare yet.</source>
        <translation>这是通用的默认建议：在你 {n} 场已开播的直播中，没有哪个开播时段或时长有至少 2 场带观看数据的直播，所以还没有可比较的数据。</translation>
    </message>
    <message>
        <source>They take you {actual} min where you plan {planned} min (×{ratio}, the middle of {n} segments that ran).</source>
        <translation>你计划 {planned} 分钟，实际要 {actual} 分钟（×{ratio}，取已跑过的 {n} 个环节的中位数）。</translation>
    </message>
    <message>
        <source>Your shows run {actual} h where you plan {planned} h (×{ratio}, the middle of {n} shows).</source>
        <translation>你计划播 {planned} 小时，实际播了 {actual} 小时（×{ratio}，取 {n} 场的中位数）。</translation>
    </message>
    <message>
        <source>Your {band} shows average GPM {gpm} (n = {n}).</source>
        <translation>你播 {band}的直播平均千次观看成交额 {gpm}（n = {n}）。</translation>
    </message>
    <message>
        <source>Your {band} shows average GPM {gpm} vs {other_gpm} for {other_band}, n = {n} and {other_n}.</source>
        <translation>你播 {band}的直播平均千次观看成交额 {gpm}，播 {other_band}的为 {other_gpm}（n = {n} 和 {other_n}）。</translation>
    </message>
    <message>
        <source>Your {hour} {day} shows average GPM {gpm} and {per_hour} per hour (n = {n}).</source>
        <translation>你{day} {hour} 开播的直播平均千次观看成交额 {gpm}，每小时成交 {per_hour}（n = {n}）。</translation>
    </message>
    <message>
        <source>Your {hour} {day} shows average GPM {gpm} vs {other_gpm} at {other_hour} ({other_day}), n = {n} and {other_n}; GMV per hour {per_hour} vs {other_per_hour}.</source>
        <translation>你{day} {hour} 开播的直播平均千次观看成交额 {gpm}，{other_day} {other_hour} 开播的为 {other_gpm}（n = {n} 和 {other_n}）；每小时成交 {per_hour} 对比 {other_per_hour}。</translation>
    </message>
    <message>
        <source>giveaway</source>
        <translation>福利款</translation>
    </message>
    <message>
        <source>hero</source>
        <translation>主推款</translation>
    </message>
    <message>
        <source>margin {margin}%</source>
        <translation>毛利率 {margin}%</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>未定位</translation>
    </message>
    <message>
        <source>profit</source>
        <translation>利润款</translation>
    </message>
    <message>
        <source>sold in {sold} of {pitches} pitches</source>
        <translation>{pitches} 次讲解中 {sold} 次出单</translation>
    </message>
    <message>
        <source>stock for {shows} shows</source>
        <translation>库存够卖 {shows} 场</translation>
    </message>
    <message>
        <source>traffic</source>
        <translation>引流款</translation>
    </message>
    <message>
        <source>under {hours} h</source>
        <translation>不到 {hours} 小时</translation>
    </message>
    <message>
        <source>weekday</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>{conversion} of viewers bought while it was pitched</source>
        <translation>讲解期间 {conversion} 的观看转化为订单</translation>
    </message>
    <message>
        <source>{hours} h or more</source>
        <translation>{hours} 小时以上</translation>
    </message>
    <message>
        <source>{low}–{high} h</source>
        <translation>{low}–{high} 小时</translation>
    </message>
    <message>
        <source>{n} dismissed (list them with --all).</source>
        <translation>已忽略 {n} 条（用 --all 列出）。</translation>
    </message>
    <message>
        <source>{per_minute} GMV per pitch minute (the best product pitched in {min} or more shows: {best})</source>
        <translation>讲解每分钟成交 {per_minute}（讲解过 {min} 场及以上的商品中最好的为 {best}）</translation>
    </message>
    <message>
        <source>“{title}” never sells when pitched: rework its pitch or drop it</source>
        <translation>“{title}”讲解时从不出单：改进讲解话术或换掉它</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source> in %n gap(s)</source>
        <translation>
            <numerusform>（共 %n 处缺口）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interval(s) missing</source>
        <translation>
            <numerusform>缺少 %n 个时段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left to check by hand: open the run on the Pre-flight page.</source>
        <translation>
            <numerusform>还有 %n 项需要人工检查：请在“开播前检查”页面打开这次检查。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) match no SKU yet: map them once on the Orders page (Needs review).</source>
        <translation>
            <numerusform>%n 个商品行还没有对应到 SKU：请在订单页面（待处理）对应一次，以后会自动记住。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) marked shipped; {known} already had that number; {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>%n 个订单已标记为已发货；{known} 个已有此运单号；跳过 {skipped} 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped</source>
        <translation>
            <numerusform>跳过 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) already stored for this time were replaced.</source>
        <translation>
            <numerusform>已替换此时段内原有的 %n 个数据点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) every {interval} s</source>
        <translation>
            <numerusform>%n 个数据点，每 {interval} 秒一个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) repeated</source>
        <translation>
            <numerusform>%n 个时间重复出现</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Checked: it reads back as the text you gave.</source>
        <translation>已校验：扫码读出的内容与输入一致。</translation>
    </message>
    <message>
        <source>Copied {rows} rows in {tables} tables from {source} to {target}.</source>
        <translation>已将 {tables} 张表共 {rows} 行从 {source} 复制到 {target}。</translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>试运行：没有保存任何数据。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n segment(s) of “{title}” to {path}.</source>
        <translation>
            <numerusform>已将“{title}”的 %n 个环节导出到 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported {rows} SKU(s) to {path}.</source>
        <translation>已导出 {rows} 个 SKU 到 {path}。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n segment(s) into “{title}”; the rundown runs {total}.</source>
        <translation>
            <numerusform>已将 %n 个环节导入“{title}”，流程总时长 {total}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted; nothing was saved.</source>
        <translation>已中断，没有保存任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>Missing from {start} to {end}: %n interval(s).</source>
        <translation>
            <numerusform>缺失：{start} 至 {end}，共 %n 个时段。</numerusform>
        </translation>
    </message>
    <message>
        <source>NO-GO: a critical check failed: {items}.</source>
        <translation>不宜开播：关键检查未通过：{items}。</translation>
    </message>
    <message>
        <source>Newest good backup: {backup}. To restore it: streamdesk restore &quot;{backup}&quot;</source>
        <translation>最新的完好备份：{backup}。恢复它：streamdesk restore &quot;{backup}&quot;</translation>
    </message>
    <message>
        <source>No show templates yet.</source>
        <translation>还没有节目模板。</translation>
    </message>
    <message>
        <source>No shows yet.</source>
        <translation>还没有节目。</translation>
    </message>
    <message>
        <source>Not copied: the search index of the SQLite file ({count} tables); the copy keeps its own.</source>
        <translation>未复制：SQLite 文件的搜索索引（{count} 张表）；副本有自己的索引。</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划时长</translation>
    </message>
    <message>
        <source>Pre-flight run {run} of “{show}” ({template}):</source>
        <translation>“{show}”的开播前检查 {run}（{template}）：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Product pictures put where the copy finds them: {count}.</source>
        <translation>已将 {count} 张商品图片放到副本能找到的位置。</translation>
    </message>
    <message>
        <source>Restored {database} from {source}.</source>
        <translation>已用 {source} 恢复 {database}。</translation>
    </message>
    <message>
        <source>Row {row} is the LIVE nearest the show&apos;s start.</source>
        <translation>第 {row} 行是开播时间最接近本场的直播。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; details are in {log}.</source>
        <translation>发生了意外错误，详细信息见 {log}。</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The database it replaced was kept as {path}.</source>
        <translation>被替换的数据库已保存为 {path}。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Verified in both databases: the row count of every table, and the totals of {count} money and stock columns ({columns}).</source>
        <translation>已在两个数据库中核对：每张表的行数，以及 {count} 个金额和库存列的合计（{columns}）。</translation>
    </message>
    <message>
        <source>Warning: the QR code of {channel} prints with {module:.2f} mm modules; phones may not scan it.</source>
        <translation>警告：{channel} 的二维码印刷后模块只有 {module:.2f} 毫米，手机可能无法扫描。</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n booking poster(s) of “{title}” to {path}.</source>
        <translation>
            <numerusform>已将“{title}”的 %n 张预约海报写入 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n order(s) ({rows} rows, preset {preset}) to {files}; {skipped} left out.</source>
        <translation>
            <numerusform>已将 %n 个订单（{rows} 行，模板 {preset}）写入 {files}；{skipped} 个未导出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote a demo shop with {products} products and {skus} SKUs to {path}.</source>
        <translation>已在 {path} 生成演示店铺：{products} 个商品，{skus} 个 SKU。</translation>
    </message>
    <message>
        <source>Wrote a version {version} QR code ({modules}×{modules} modules, error correction {ecc}) to {path}.</source>
        <translation>已将版本 {version} 的二维码（{modules}×{modules} 个模块，纠错等级 {ecc}）写入 {path}。</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the host sheet of “{title}” (%n page(s)) to {path}.</source>
        <translation>
            <numerusform>已将“{title}”的主播手卡（%n 页）写入 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote the pick list of “{title}” (%n SKU(s), {units} units) to {path}.</source>
        <translation>
            <numerusform>已将“{title}”的拣货单（%n 个 SKU，{units} 件）写入 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote the review report of “{title}” to {path}.</source>
        <translation>已将“{title}”的复盘报告写入 {path}。</translation>
    </message>
    <message>
        <source>[{status}] {item} (critical): {sentence}</source>
        <translation>[{status}] {item}（关键）：{sentence}</translation>
    </message>
    <message>
        <source>[{status}] {item}: {sentence}</source>
        <translation>[{status}] {item}：{sentence}</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>未定日期</translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {encoding}): %n order(s) read; {added} added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>{file}（{preset}，{encoding}）：读取 %n 个订单；新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个，跳过 {skipped} 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {platform}, {encoding}): %n row(s) read</source>
        <translation>
            <numerusform>{file}（{preset}，{platform}，{encoding}）：读取 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {platform}, {encoding}): show totals, %n figure(s); {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>{file}（{preset}，{platform}，{encoding}）：整场汇总，%n 项数据；跳过 {skipped} 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n segment(s) checked, no problems. Dry run: nothing was saved.</source>
        <translation>
            <numerusform>{file}：已检查 %n 个环节，没有问题。试运行：没有保存任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>{file}: {rows} row(s) read; {added} SKU(s) added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</source>
        <translation>{file}：读取 {rows} 行；新增 {added} 个 SKU，更新 {updated} 个，{unchanged} 个未变，跳过 {skipped} 行。</translation>
    </message>
</context>
<context>
    <name>close_snapshot</name>
    <message>
        <source>StreamDesk could not make its automatic backup on closing ({reason}). Your data is safe.</source>
        <translation>StreamDesk 关闭时未能完成自动备份（{reason}）。您的数据安然无恙。</translation>
    </message>
    <message>
        <source>The automatic backup was not made</source>
        <translation>自动备份未能完成</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The task could not finish</source>
        <translation>任务未能完成</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>A PNG holds one poster: write one poster per channel to a .pdf, or choose one channel with --channel.</source>
        <translation>一个 PNG 只能容纳一张海报：请把每个渠道一张的海报写入 .pdf，或用 --channel 选择一个渠道。</translation>
    </message>
    <message>
        <source>A backup cannot be written over the database itself ({path}). Choose another file name.</source>
        <translation>备份不能覆盖数据库本身（{path}）。请换一个文件名。</translation>
    </message>
    <message>
        <source>A booking count cannot be negative ({bookings}). Enter the number the platform shows.</source>
        <translation>预约人数不能是负数（{bookings}）。请填写平台显示的人数。</translation>
    </message>
    <message>
        <source>A budget amount cannot be negative.</source>
        <translation>预算金额不能为负数。</translation>
    </message>
    <message>
        <source>A bundle cannot contain itself.</source>
        <translation>套装不能包含它自己。</translation>
    </message>
    <message>
        <source>A bundle component needs a quantity of at least 1, not {quantity}.</source>
        <translation>套装组件的数量至少为 1，不能是 {quantity}。</translation>
    </message>
    <message>
        <source>A bundle has no stock of its own: its stock comes from its components. Leave the starting stock at 0.</source>
        <translation>套装没有自己的库存，库存由组件决定。请将初始库存保持为 0。</translation>
    </message>
    <message>
        <source>A checklist holds at most {maximum} items. Remove some, or split it into two checklists.</source>
        <translation>一份检查清单最多 {maximum} 项。请删掉一些，或拆成两份清单。</translation>
    </message>
    <message>
        <source>A duration cannot be negative.</source>
        <translation>时长不能为负数。</translation>
    </message>
    <message>
        <source>A file without a time column holds show totals, and {fields} can only come from a minute trend. Map the time column, or map the figures to show totals; nothing was saved.</source>
        <translation>没有时间列的文件是整场汇总，而 {fields} 只能来自分钟趋势。请对应时间列，或把数据对应到整场汇总项；没有保存任何数据。</translation>
    </message>
    <message>
        <source>A flash-sale countdown lasts {minimum} to {maximum} seconds, not {seconds}.</source>
        <translation>秒杀倒计时须为 {minimum} 到 {maximum} 秒，不能是 {seconds} 秒。</translation>
    </message>
    <message>
        <source>A flash-sale countdown lasts {min} to {max} seconds.</source>
        <translation>秒杀倒计时须在 {min} 到 {max} 秒之间。</translation>
    </message>
    <message>
        <source>A lucky draw needs at least one entrant. Add buyers or type names; nothing was drawn.</source>
        <translation>抽奖至少需要一位参与者。请添加买家或输入名字；本次没有抽奖。</translation>
    </message>
    <message>
        <source>A pick list can be written as .pdf or .csv; {path} has another extension.</source>
        <translation>拣货单只能保存为 .pdf 或 .csv；{path} 的扩展名不符。</translation>
    </message>
    <message>
        <source>A returned quantity must be between 1 and the {ordered} ordered, not {quantity}. The case was not saved.</source>
        <translation>退回数量应在 1 到下单数量 {ordered} 之间，不能是 {quantity}。售后单没有保存。</translation>
    </message>
    <message>
        <source>A review report is written as .pdf or .html, not as “{path}”. Choose a file name ending in .pdf or .html.</source>
        <translation>复盘报告只能保存为 .pdf 或 .html，不能是“{path}”。请换一个以 .pdf 或 .html 结尾的文件名。</translation>
    </message>
    <message>
        <source>A rundown can be exported as .csv or .pdf; {path} has another extension.</source>
        <translation>流程只能导出为 .csv 或 .pdf 文件；{path} 的扩展名不是这两种。</translation>
    </message>
    <message>
        <source>A show total cannot be negative ({field}: {value}). Correct it; nothing was saved.</source>
        <translation>场次汇总数据不能为负数（{field}：{value}）。请改正；没有保存任何内容。</translation>
    </message>
    <message>
        <source>A target cannot be negative.</source>
        <translation>目标不能为负数。</translation>
    </message>
    <message>
        <source>A task can be due at most {days} days before or after the show&apos;s start. Check the time.</source>
        <translation>任务最多只能安排在开播前后 {days} 天内。请检查时间。</translation>
    </message>
    <message>
        <source>A “publish the booking link” task comes with a booking link. Add the link on the Booking links tab and its task appears by itself.</source>
        <translation>“发布预约链接”任务随预约链接而来。请在“预约链接”页添加链接，任务会自动出现。</translation>
    </message>
    <message>
        <source>Action item {action_id} no longer exists. Reopen the review to see the current list.</source>
        <translation>待办事项 {action_id} 已不存在。请重新打开复盘查看当前列表。</translation>
    </message>
    <message>
        <source>Add at least one SKU.</source>
        <translation>请至少添加一个 SKU。</translation>
    </message>
    <message>
        <source>Add or remove at least one second.</source>
        <translation>请至少增加或减少一秒。</translation>
    </message>
    <message>
        <source>Adding the demo products…</source>
        <translation>正在添加演示商品…</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>地址第二行</translation>
    </message>
    <message>
        <source>Adjusted total</source>
        <translation>调整后总额</translation>
    </message>
    <message>
        <source>After-sales status</source>
        <translation>售后状态</translation>
    </message>
    <message>
        <source>Alternative title</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Amount refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Another StreamDesk window changed run {run_id}, so this step was not saved. Reopen the run to carry on.</source>
        <translation>另一个 StreamDesk 窗口改动了计时记录 {run_id}，这一步没有保存。请重新打开这场计时后继续。</translation>
    </message>
    <message>
        <source>At {dpi} dpi a {size_mm} mm code has less than two pixels per module and would not scan. Use at least {min_dpi} dpi or a larger size; nothing was saved.</source>
        <translation>在 {dpi} dpi 下，{size_mm} 毫米的二维码每个模块不到两个像素，扫不出来。请至少使用 {min_dpi} dpi 或更大的尺寸；本次没有保存。</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Bundle component {component_id} does not exist. Remove it from the bundle.</source>
        <translation>套装组件 {component_id} 不存在。请将它从套装中移除。</translation>
    </message>
    <message>
        <source>Buyer nickname</source>
        <translation>买家昵称</translation>
    </message>
    <message>
        <source>Buyer&apos;s note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Cameras found ({count}): {names}.</source>
        <translation>找到 {count} 个摄像头：{names}。</translation>
    </message>
    <message>
        <source>Cancellation time</source>
        <translation>取消时间</translation>
    </message>
    <message>
        <source>Case {case_id} has been moved to “{current}” since, so this step cannot be undone; nothing was changed.</source>
        <translation>工单 {case_id} 之后已被改为“{current}”，因此这一步无法撤销；本次没有做任何改动。</translation>
    </message>
    <message>
        <source>Case {case_id} is already “{current}”, so it cannot go to “{status}”: cases only move forward (open → in progress → resolved → closed). Nothing was changed.</source>
        <translation>工单 {case_id} 已是“{current}”，不能改为“{status}”：工单只能向前推进（待处理 → 处理中 → 已解决 → 已关闭）。本次没有做任何改动。</translation>
    </message>
    <message>
        <source>Case {case_id} is closed, and a closed case is final: it cannot move to “{status}”. Open a new case if the customer comes back; nothing was changed.</source>
        <translation>工单 {case_id} 已关闭，关闭后不能再改为“{status}”。如果客户再次联系，请新建工单；本次没有做任何改动。</translation>
    </message>
    <message>
        <source>Case {case_id} no longer exists. Refresh the cases and try again.</source>
        <translation>售后单 {case_id} 已不存在。请刷新售后列表后重试。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Check finished.</source>
        <translation>检查完成。</translation>
    </message>
    <message>
        <source>Checking links between records…</source>
        <translation>正在检查记录之间的关联…</translation>
    </message>
    <message>
        <source>Checking the database file…</source>
        <translation>正在检查数据库文件…</translation>
    </message>
    <message>
        <source>Checking the orders…</source>
        <translation>正在检查订单…</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Checking the search index…</source>
        <translation>正在检查搜索索引…</translation>
    </message>
    <message>
        <source>Checklist {template_id} no longer exists. Choose another checklist.</source>
        <translation>检查清单 {template_id} 已不存在。请选择其他清单。</translation>
    </message>
    <message>
        <source>Choose a currency.</source>
        <translation>请选择币种。</translation>
    </message>
    <message>
        <source>Choose between 1 and {entrants} winners (one per entrant), not {winners}; nothing was drawn.</source>
        <translation>中奖人数应在 1 到 {entrants} 之间（每位参与者最多中一次），不能是 {winners}；本次没有抽奖。</translation>
    </message>
    <message>
        <source>Choose the order first: returned items must come from one of its lines. The case was not saved.</source>
        <translation>请先选择订单：退回的商品必须来自该订单的明细。售后单没有保存。</translation>
    </message>
    <message>
        <source>Choose which column holds the order ID before saving the mapping.</source>
        <translation>保存列对应前，请先选择哪一列是订单号。</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Comparing stock with the stock moves…</source>
        <translation>正在核对库存与出入库记录…</translation>
    </message>
    <message>
        <source>Completion time</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Compliance notes</source>
        <translation>合规提示</translation>
    </message>
    <message>
        <source>Component {component_id} is listed twice in this bundle. Combine the rows into one quantity.</source>
        <translation>组件 {component_id} 在此套装中出现了两次。请合并为一行并填写总数量。</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Courier and tracking number</source>
        <translation>快递公司和运单号</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Customer {customer_id} no longer exists. Refresh the customers and try again.</source>
        <translation>客户 {customer_id} 已不存在。请刷新客户列表后重试。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Drawing the demo product pictures…</source>
        <translation>正在绘制演示商品图片…</translation>
    </message>
    <message>
        <source>Each spec attribute (such as colour or size) may appear only once per SKU.</source>
        <translation>每个 SKU 的每项规格属性（如颜色、尺码）只能出现一次。</translation>
    </message>
    <message>
        <source>Enter a product title.</source>
        <translation>请输入商品标题。</translation>
    </message>
    <message>
        <source>Enter a tracking number to mark order {order_no} shipped; nothing was changed.</source>
        <translation>请填写快递单号后再把订单 {order_no} 标为已发货；本次没有改动任何数据。</translation>
    </message>
    <message>
        <source>Enter an SKU code.</source>
        <translation>请输入 SKU 编码。</translation>
    </message>
    <message>
        <source>Enter the buyer&apos;s nickname as the comment shows it; nothing was saved.</source>
        <translation>请按评论里显示的样子填写买家昵称；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>Enter the person’s name.</source>
        <translation>请填写人员姓名。</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <source>Found {count} risky wording(s) that platforms may penalise (listed below, with what to say instead). Rewrite them in the rundown or the product, then check again; you can go live either way.</source>
        <translation>发现 {count} 处可能被平台处罚的用语（见下方列表和建议说法）。请在流程单或商品里改写后再检查一次；不改也可以开播。</translation>
    </message>
    <message>
        <source>Fulfilment status</source>
        <translation>发货状态</translation>
    </message>
    <message>
        <source>Give the mapping a name of 1 to {limit} characters.</source>
        <translation>请为列对应起一个 1 到 {limit} 个字符的名称。</translation>
    </message>
    <message>
        <source>Give the show a title.</source>
        <translation>请填写节目标题。</translation>
    </message>
    <message>
        <source>Give the task a title: an own task has no default one.</source>
        <translation>请给任务起个标题：自定义任务没有默认标题。</translation>
    </message>
    <message>
        <source>Item {position} of the checklist has no title. Say what to check, or remove the item.</source>
        <translation>清单第 {position} 项没有标题。请写明要检查什么，或删除这一项。</translation>
    </message>
    <message>
        <source>Line ID</source>
        <translation>子订单号</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Live price</source>
        <translation>直播价</translation>
    </message>
    <message>
        <source>Looking for the newest good backup…</source>
        <translation>正在查找最新的完好备份…</translation>
    </message>
    <message>
        <source>Looking up the servers…</source>
        <translation>正在解析服务器地址……</translation>
    </message>
    <message>
        <source>Low-stock alert</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <source>Measuring the upload speed…</source>
        <translation>正在测量上传速度……</translation>
    </message>
    <message>
        <source>No Chinese font is installed, so the poster&apos;s Chinese text would print as empty boxes. Install a Chinese font (for example Noto Sans CJK SC) and try again; nothing was written.</source>
        <translation>未安装中文字体，海报上的中文会印成空白方框。请安装一款中文字体（例如 Noto Sans CJK SC）后重试；未写入任何文件。</translation>
    </message>
    <message>
        <source>No camera was found on this computer. That is fine for a phone rig (check its picture by hand); for a webcam, plug it in and test again.</source>
        <translation>这台电脑上没有找到摄像头。用手机直播时这没有问题（请手动检查手机画面）；如果要用电脑摄像头，请插好后重新检测。</translation>
    </message>
    <message>
        <source>No dismissed suggestion has the key {key}. Run streamdesk advice --all to see them.</source>
        <translation>没有键为 {key} 的已忽略建议。运行 streamdesk advice --all 查看。</translation>
    </message>
    <message>
        <source>No microphone was found. Plug in the microphone or the sound card, choose it in the device list and run the test again.</source>
        <translation>没有找到麦克风。请插好麦克风或声卡，在设备列表中选中它，然后重新检测。</translation>
    </message>
    <message>
        <source>No order in {path} could be marked shipped. The first problem: {first} Nothing was saved.</source>
        <translation>{path} 中没有任何订单可以标记为已发货。第一个问题：{first} 没有保存任何数据。</translation>
    </message>
    <message>
        <source>No orders are selected. Select the orders to print packing slips for.</source>
        <translation>没有选中订单。请先选中要打印装箱单的订单。</translation>
    </message>
    <message>
        <source>No risky wording found in the show&apos;s notes, its segments&apos; scripts or its products&apos; selling points, talking points and FAQ.</source>
        <translation>直播备注、各环节话术以及商品的卖点、讲解要点和常见问题里都没有发现违规用语。</translation>
    </message>
    <message>
        <source>No test order yet. Scan the QR code with a spare phone, order the test product and pay, then type the order number here.</source>
        <translation>还没有测试订单。请用另一台手机扫描二维码，下单并支付测试商品，然后在这里填写订单号。</translation>
    </message>
    <message>
        <source>None of the columns of this file fit the format {preset} (columns: {columns}). Choose another format or use the column mapping; nothing was saved.</source>
        <translation>这个文件的列都不符合格式 {preset}（列：{columns}）。请换一种格式或使用列对应；没有保存任何数据。</translation>
    </message>
    <message>
        <source>None of the {count} row(s) can be imported. The first problem: {first} Fix the file and import again; nothing was saved.</source>
        <translation>{count} 行都无法导入。第一个问题：{first} 请修改文件后重新导入；没有保存任何数据。</translation>
    </message>
    <message>
        <source>None of the {rows} row(s) of {file} could be used. The first one that failed is row {row} (column “{column}”: “{value}”). Check that the file is the platform&apos;s export and that the format is right; nothing was saved.</source>
        <translation>{file} 的 {rows} 行都无法使用。第一个出错的是第 {row} 行（列“{column}”：“{value}”）。请确认文件是平台导出的、格式选择正确；没有保存任何数据。</translation>
    </message>
    <message>
        <source>Only rehearsals can be discarded; the live run {run_id} is kept for the review.</source>
        <translation>只有彩排可以删除；直播计时记录 {run_id} 会保留，用于复盘。</translation>
    </message>
    <message>
        <source>Only {available} of {sku} left, not enough for {quantity}. Allow a backorder to sell it anyway, or add the buyer to the waitlist; nothing was saved.</source>
        <translation>{sku} 只剩 {available} 件，不够 {quantity} 件。如仍要卖出请允许超卖（预售），或把买家加入候补；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>Only {free_gb} GB is free on the disk of {path}; a recording needs at least {min_gb} GB. Delete or move old recordings, then test again.</source>
        <translation>{path} 所在磁盘只剩 {free_gb} GB 可用空间；录像至少需要 {min_gb} GB。请删除或移走旧录像，然后重新检测。</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Order line {line_id} already has units returned through an after-sales case, so it cannot be mapped to another SKU. Remove the case&apos;s returned items first; nothing was changed.</source>
        <translation>订单明细 {line_id} 已有商品通过售后单退回，不能再对应到其他 SKU。请先删除售后单中的退货商品；本次没有改动任何数据。</translation>
    </message>
    <message>
        <source>Order line {line_id} is not part of the case&apos;s order, or is listed twice. The case was not saved.</source>
        <translation>订单明细 {line_id} 不属于该售后单的订单，或被重复列出。售后单没有保存。</translation>
    </message>
    <message>
        <source>Order line {line_id} no longer exists. Refresh the orders and try again.</source>
        <translation>订单明细 {line_id} 已不存在。请刷新订单列表后重试。</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Order time</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Order {order_id} no longer exists. Refresh the orders and try again.</source>
        <translation>订单 {order_id} 已不存在。请刷新订单列表后重试。</translation>
    </message>
    <message>
        <source>Order {order_no} has been shipped or has an after-sales case, so the capture can no longer be undone. Cancel the order instead.</source>
        <translation>订单 {order_no} 已发货或已有售后单，不能再撤销这次记录。请改为取消订单。</translation>
    </message>
    <message>
        <source>Order {order_no} is cancelled or refunded, so it cannot be marked shipped. Change its status first.</source>
        <translation>订单 {order_no} 已取消或已退款，不能标为已发货。请先修改订单状态。</translation>
    </message>
    <message>
        <source>Order {order_no} was imported, not captured live, so it cannot be undone here.</source>
        <translation>订单 {order_no} 是导入的，不是直播中记录的，不能在这里撤销。</translation>
    </message>
    <message>
        <source>Order {order_no}: {message}</source>
        <translation>订单 {order_no}：{message}</translation>
    </message>
    <message>
        <source>Part of the database could not be read: {detail}</source>
        <translation>数据库有一部分无法读取：{detail}</translation>
    </message>
    <message>
        <source>Payment time</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Playing the test tone…</source>
        <translation>正在播放测试音……</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Pre-flight run {run_id} no longer exists. Refresh the page and start a new run if needed.</source>
        <translation>开播前检查记录 {run_id} 已不存在。请刷新页面，需要的话重新开始检查。</translation>
    </message>
    <message>
        <source>Printed {size_mm} mm wide, each module of this code is only {module_mm} mm (phones need at least {minimum} mm). Print it at least {min_size_mm} mm wide or use a shorter link.</source>
        <translation>按 {size_mm} 毫米宽打印时，这个二维码每个模块只有 {module_mm} 毫米（手机至少需要 {minimum} 毫米）。请至少打印 {min_size_mm} 毫米宽，或使用更短的链接。</translation>
    </message>
    <message>
        <source>Product title</source>
        <translation>商品标题</translation>
    </message>
    <message>
        <source>Product {product_id} no longer exists. Refresh the catalogue and try again.</source>
        <translation>商品 {product_id} 已不存在。请刷新商品库后重试。</translation>
    </message>
    <message>
        <source>Products can be exported as .csv or .xlsx files; {path} has another extension.</source>
        <translation>商品只能导出为 .csv 或 .xlsx 文件；{path} 的扩展名不是这两种。</translation>
    </message>
    <message>
        <source>Province / state</source>
        <translation>省 / 州</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Reading the metrics file…</source>
        <translation>正在读取直播数据文件…</translation>
    </message>
    <message>
        <source>Reading the orders…</source>
        <translation>正在读取订单…</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Recording from the microphone: speak as you will during the show…</source>
        <translation>正在用麦克风录音：请像直播时一样说话……</translation>
    </message>
    <message>
        <source>Restock time (days)</source>
        <translation>补货周期（天）</translation>
    </message>
    <message>
        <source>Role in the show</source>
        <translation>排品定位</translation>
    </message>
    <message>
        <source>Row {rowid} of table {table} points to a missing row in {parent}.</source>
        <translation>表 {table} 的第 {rowid} 行指向 {parent} 中不存在的记录。</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>Run {run_id} of the show timer no longer exists. It may have been discarded.</source>
        <translation>直播计时记录 {run_id} 已不存在，可能已被删除。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>SKU {sku}: the stock shown is {cached}, but its stock moves add up to {ledger}.</source>
        <translation>SKU {sku}：显示库存为 {cached}，但出入库记录合计为 {ledger}。</translation>
    </message>
    <message>
        <source>SKU {variant_id} no longer exists. Pick the product again.</source>
        <translation>SKU {variant_id} 已不存在，请重新选择商品。</translation>
    </message>
    <message>
        <source>SKU {variant_id} no longer exists. Refresh the catalogue and try again.</source>
        <translation>SKU {variant_id} 已不存在。请刷新商品库后重试。</translation>
    </message>
    <message>
        <source>Saving the metrics…</source>
        <translation>正在保存直播数据…</translation>
    </message>
    <message>
        <source>Saving the orders…</source>
        <translation>正在保存订单…</translation>
    </message>
    <message>
        <source>Saving the products…</source>
        <translation>正在保存商品…</translation>
    </message>
    <message>
        <source>Say what the budget line is for.</source>
        <translation>请填写这笔预算的用途。</translation>
    </message>
    <message>
        <source>Say why the show goes live although a critical check failed (for example “backup mic in use”): the reason is logged with the run.</source>
        <translation>请说明在关键检查项未通过的情况下仍然开播的原因（例如“已换用备用麦克风”）：原因会记录在本次检查中。</translation>
    </message>
    <message>
        <source>Segment {segment_id} no longer exists. Reload the rundown; nothing was saved.</source>
        <translation>环节 {segment_id} 已不存在。请重新加载流程；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>Seller&apos;s note</source>
        <translation>商家备注</translation>
    </message>
    <message>
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Shipping time</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Shipping time (days)</source>
        <translation>发货周期（天）</translation>
    </message>
    <message>
        <source>Ships from</source>
        <translation>发货地</translation>
    </message>
    <message>
        <source>Show {show_id} is not a template. Choose a template and try again.</source>
        <translation>节目 {show_id} 不是模板。请选择一个模板后重试。</translation>
    </message>
    <message>
        <source>Show {show_id} no longer exists. Choose another show; nothing was saved.</source>
        <translation>节目 {show_id} 已不存在。请选择其他节目；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>Show {show_id} no longer exists. Pick another show to review.</source>
        <translation>场次 {show_id} 已不存在。请选择另一场进行复盘。</translation>
    </message>
    <message>
        <source>Show {show_id} no longer exists. Refresh the shows list and try again.</source>
        <translation>节目 {show_id} 已不存在。请刷新节目列表后重试。</translation>
    </message>
    <message>
        <source>Show {show} cannot be compared with itself. Choose an earlier show, or leave out --compare-to.</source>
        <translation>直播 {show} 不能和自己对比。请选择更早的一场，或者去掉 --compare-to。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺码</translation>
    </message>
    <message>
        <source>Someone else changed {what} while you were editing it. Your changes were not saved: reopen it to see theirs, then make yours again.</source>
        <translation>你编辑期间，别人修改了“{what}”。你的修改没有保存：请重新打开查看对方的修改，再重新做你的修改。</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Start the show timer first (Space).</source>
        <translation>请先开始直播计时（空格键）。</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>StreamDesk cannot read {path}. Check that it is a CSV or Excel (.xlsx) file and that no other program has it locked; nothing was saved.</source>
        <translation>StreamDesk 无法读取 {path}。请确认它是 CSV 或 Excel（.xlsx）文件，且没有被其他程序占用；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>StreamDesk cannot read {path}. Check that it is a text file and that you may open it.</source>
        <translation>StreamDesk 无法读取 {path}。请确认它是文本文件，且你有权限打开。</translation>
    </message>
    <message>
        <source>StreamDesk cannot tell which text encoding {path} uses. Save it as UTF-8 CSV, or choose the encoding yourself; nothing was saved.</source>
        <translation>StreamDesk 无法判断 {path} 的文字编码。请将它另存为 UTF-8 CSV，或手动选择编码；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>StreamDesk cannot use a “{scheme}” database. Give a file, or for team mode a PostgreSQL address: postgresql://USER:PASSWORD@HOST:PORT/NAME.</source>
        <translation>StreamDesk 不能使用“{scheme}”数据库。请指定一个文件；团队模式请指定 PostgreSQL 地址：postgresql://用户名:密码@主机:端口/数据库名。</translation>
    </message>
    <message>
        <source>StreamDesk could not open the team database {url}: {reason}. Check that the server is running and reachable from this laptop, and the user name and password.</source>
        <translation>StreamDesk 无法打开团队数据库 {url}：{reason}。请检查服务器是否在运行、这台电脑能否连到它，以及用户名和密码。</translation>
    </message>
    <message>
        <source>StreamDesk could not write to the database: the disk is full, was removed or is failing. Free some space or check the disk, then try again; nothing was saved.</source>
        <translation>StreamDesk 无法写入数据库：磁盘已满、已被移除或出现故障。请腾出空间或检查磁盘后重试；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>StreamDesk could not write {path} ({reason}). Choose another folder or close the file.</source>
        <translation>StreamDesk 无法写入 {path}（{reason}）。请换一个文件夹，或先关闭该文件。</translation>
    </message>
    <message>
        <source>StreamDesk could not write {path}. Check that the folder exists and that you may write there; no file was changed.</source>
        <translation>StreamDesk 无法写入 {path}。请确认文件夹存在且有写入权限；没有改动任何文件。</translation>
    </message>
    <message>
        <source>StreamDesk could not write {path}: the disk is full, was removed or is failing. Free some space or check the disk, then try again; nothing was saved.</source>
        <translation>StreamDesk 无法写入 {path}：磁盘已满、已被移除或出现故障。请腾出空间或检查磁盘后重试；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>StreamDesk does not recognise the columns of {path} ({headers}). Choose the platform yourself or map the columns; nothing was saved.</source>
        <translation>StreamDesk 认不出 {path} 的列（{headers}）。请自己选择平台或对应列；没有保存任何数据。</translation>
    </message>
    <message>
        <source>StreamDesk does not recognise this metrics file (columns: {columns}). Use the column mapping to say which column holds the time and which hold the figures; nothing was saved.</source>
        <translation>StreamDesk 无法识别这个直播数据文件（列：{columns}）。请用列对应指明哪一列是时间、哪些列是数据；没有保存任何数据。</translation>
    </message>
    <message>
        <source>StreamDesk may not write to the database: its folder or disk is read-only, or belongs to another user. Allow writing there or move the database; nothing was saved.</source>
        <translation>StreamDesk 无权写入数据库：它所在的文件夹或磁盘是只读的，或属于其他用户。请允许在此写入或移动数据库；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>StreamDesk may not write {path}: the folder or disk is read-only, or belongs to another user. Choose another folder or allow writing there; nothing was saved.</source>
        <translation>StreamDesk 无权写入 {path}：该文件夹或磁盘是只读的，或属于其他用户。请选择其他文件夹或允许在此写入；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier contact</source>
        <translation>供应商联系方式</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <source>Team mode needs the PostgreSQL driver (psycopg), which this installation lacks. Reinstall StreamDesk, or install it with: pip install &apos;psycopg[binary]&apos;</source>
        <translation>团队模式需要 PostgreSQL 驱动（psycopg），当前安装中没有。请重新安装 StreamDesk，或运行：pip install &apos;psycopg[binary]&apos;</translation>
    </message>
    <message>
        <source>Test order {order_no} is not paid yet. Finish the payment on the phone; if it fails, check the product&apos;s stock, price and payment settings in the shop before going live.</source>
        <translation>测试订单 {order_no} 还没有支付。请在手机上完成付款；如果付款失败，请在开播前检查店铺里该商品的库存、价格和支付设置。</translation>
    </message>
    <message>
        <source>Test order {order_no} was paid: the checkout works end to end.</source>
        <translation>测试订单 {order_no} 已支付：下单到付款的流程正常。</translation>
    </message>
    <message>
        <source>That booking link no longer exists. Reopen the show&apos;s warm-up plan and try again.</source>
        <translation>这个预约链接已不存在。请重新打开本场的预热计划再试。</translation>
    </message>
    <message>
        <source>That checklist item no longer exists (its run was deleted). Refresh the page.</source>
        <translation>该检查项已不存在（所属的检查记录已被删除）。请刷新页面。</translation>
    </message>
    <message>
        <source>That segment no longer exists. Reopen the rundown and try again.</source>
        <translation>该环节已不存在。请重新打开流程后重试。</translation>
    </message>
    <message>
        <source>That waitlist entry no longer exists. Refresh the waitlist and try again.</source>
        <translation>这条候补记录已不存在。请刷新候补名单后重试。</translation>
    </message>
    <message>
        <source>That warm-up task no longer exists. Reopen the show&apos;s warm-up plan and try again.</source>
        <translation>这个预热任务已不存在。请重新打开本场的预热计划再试。</translation>
    </message>
    <message>
        <source>The QR code cannot be checked because the decoder (zxing-cpp) is not installed. Install it with “pip install zxing-cpp” to have every code read back before it is saved.</source>
        <translation>没有安装解码器（zxing-cpp），无法校验二维码。请用“pip install zxing-cpp”安装，以便每个二维码在保存前都先扫读校验。</translation>
    </message>
    <message>
        <source>The QR code could not be saved to {path} ({reason}); nothing was written.</source>
        <translation>无法把二维码保存到 {path}（{reason}）；没有写入任何文件。</translation>
    </message>
    <message>
        <source>The QR code did not read back as the link when it was checked, so it was not saved. Try a higher contrast, a smaller logo, a larger size or a shorter link.</source>
        <translation>校验时二维码没有读出原链接，因此没有保存。请尝试提高对比度、缩小 Logo、加大尺寸或使用更短的链接。</translation>
    </message>
    <message>
        <source>The QR code on the {template} poster could not be read back, so the poster was not written. Choose a larger template, a shorter link or stronger QR colours.</source>
        <translation>{template} 海报上的二维码无法识别，因此未写入海报。请选择更大的模板、更短的链接或对比更强的二维码颜色。</translation>
    </message>
    <message>
        <source>The QR code was saved without being checked: the decoder (zxing-cpp) is not installed. Scan it with a phone before you print it.</source>
        <translation>二维码已保存但未经校验：没有安装解码器（zxing-cpp）。打印前请先用手机扫一下。</translation>
    </message>
    <message>
        <source>The SKU code {sku} is already used by another SKU. Choose a different code.</source>
        <translation>SKU 编码 {sku} 已被其他 SKU 使用。请换一个编码。</translation>
    </message>
    <message>
        <source>The booking link for {channel} stops working before the show starts. Create a new booking on the platform and paste its link here.</source>
        <translation>{channel}的预约链接会在开播前失效。请在平台上新建预约，并把新链接粘贴到这里。</translation>
    </message>
    <message>
        <source>The catalogue changed after the preview was made. Preview the import again; nothing was saved.</source>
        <translation>生成预览后商品库已有变动。请重新预览导入；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The channel name is too long: keep it to {maximum} characters.</source>
        <translation>渠道名称太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The checklist has no items. Add at least one thing to check before saving it.</source>
        <translation>检查清单还没有任何项目。请至少添加一项要检查的内容再保存。</translation>
    </message>
    <message>
        <source>The checklist needs a name. Type one, for example “Evening show”, and save again.</source>
        <translation>检查清单需要一个名称。请输入名称（例如“晚场直播”）后再保存。</translation>
    </message>
    <message>
        <source>The checklist&apos;s name is too long: keep it to {maximum} characters.</source>
        <translation>检查清单的名称太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The code would be light ({foreground}) on a dark background ({background}); many phones cannot scan that. Use a dark colour for the code and a light one for the background; nothing was saved.</source>
        <translation>二维码会是浅色（{foreground}）印在深色背景（{background}）上，很多手机扫不出来。请用深色做码、浅色做背景；本次没有保存。</translation>
    </message>
    <message>
        <source>The column mapping names a field “{field}” that does not exist. The fields are: {fields}.</source>
        <translation>列对应中的字段“{field}”不存在。可用字段有：{fields}。</translation>
    </message>
    <message>
        <source>The column mapping names no figure to import. Map at least one column; nothing was saved.</source>
        <translation>列对应中没有要导入的数据项。请至少对应一列；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The column mapping points at “{column}”, but the file has no column with that header.</source>
        <translation>列对应指向“{column}”，但文件中没有这个表头的列。</translation>
    </message>
    <message>
        <source>The column mapping {path} is not a JSON object of field names and column headers, such as “title”: “商品名称”. Fix it and try again; nothing was saved.</source>
        <translation>列对应文件 {path} 不是“字段名: 表头”形式的 JSON 对象（例如 “title”: “商品名称”）。请改正后重试；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The computer is ready: {free_gb} GB free for recordings, power and clock fine.</source>
        <translation>电脑状态良好：录像可用空间 {free_gb} GB，电源和时钟正常。</translation>
    </message>
    <message>
        <source>The computer is running on its battery. Plug in the charger: a long show can drain it.</source>
        <translation>电脑正在使用电池供电。请接上电源：长时间直播可能把电池耗尽。</translation>
    </message>
    <message>
        <source>The computer&apos;s clock is off by {offset_s} seconds (more than {max_offset_s}). Turn on automatic date and time, or the countdowns and order times will be wrong.</source>
        <translation>电脑时钟偏差 {offset_s} 秒（超过 {max_offset_s} 秒）。请打开自动设置日期和时间，否则倒计时和订单时间都会不准。</translation>
    </message>
    <message>
        <source>The connection answers, but its upload speed was not measured. Set an upload test address in Settings (Pre-flight) to check it, or check the upload with the platform&apos;s own test.</source>
        <translation>网络可以连通，但没有测量上传速度。请在设置（开播前检查）中填写上传测试地址后再检测，或用直播平台自带的测速功能检查上传。</translation>
    </message>
    <message>
        <source>The connection is slow to answer: {latency_ms} ms (the limit is {max_latency_ms} ms), so viewers&apos; comments and orders will lag. Use a cable or move closer to the router, then test again.</source>
        <translation>网络响应太慢：延迟 {latency_ms} ms（上限 {max_latency_ms} ms），观众的评论和下单会有延迟。请改用网线或离路由器近一些，然后重新检测。</translation>
    </message>
    <message>
        <source>The connection is unsteady: its delay varies by {jitter_ms} ms (the limit is {max_jitter_ms} ms), so the stream may stutter. Pause downloads and other devices on the network, or use a cable.</source>
        <translation>网络不稳定：延迟波动 {jitter_ms} ms（上限 {max_jitter_ms} ms），直播画面可能卡顿。请暂停下载和同一网络中的其他设备，或改用网线。</translation>
    </message>
    <message>
        <source>The copy did not match: in the table “{table}”, the column “{column}” adds up to {source_total} in the shop but {target_total} in the copy. The copy was removed; the shop was not changed.</source>
        <translation>副本与原数据不一致：表“{table}”的“{column}”列在店铺中合计为 {source_total}，在副本中却是 {target_total}。副本已删除，店铺数据没有改动。</translation>
    </message>
    <message>
        <source>The copy did not match: the table “{table}” has {source_rows} row(s) in the shop but {target_rows} in the copy. The copy was removed; the shop was not changed.</source>
        <translation>副本与原数据不一致：表“{table}”在店铺中有 {source_rows} 行，在副本中却有 {target_rows} 行。副本已删除，店铺数据没有改动。</translation>
    </message>
    <message>
        <source>The copy of {path} failed its integrity check; nothing was replaced.</source>
        <translation>{path} 的副本未通过完整性检查，没有替换任何文件。</translation>
    </message>
    <message>
        <source>The cost cannot be negative.</source>
        <translation>成本不能为负数。</translation>
    </message>
    <message>
        <source>The danger time cannot be negative.</source>
        <translation>危险提醒时间不能为负数。</translation>
    </message>
    <message>
        <source>The database check found {count} problem(s).</source>
        <translation>数据库检查发现 {count} 个问题。</translation>
    </message>
    <message>
        <source>The database file is damaged: {detail}</source>
        <translation>数据库文件已损坏：{detail}</translation>
    </message>
    <message>
        <source>The database has {count} broken links between records after the upgrade. Restore a backup or run “streamdesk check” for details.</source>
        <translation>升级后数据库中有 {count} 处记录之间的关联已损坏。请恢复备份，或运行“streamdesk check”查看详情。</translation>
    </message>
    <message>
        <source>The database {path} is in use by another program (is StreamDesk open?). Close it and restore again; nothing was changed.</source>
        <translation>数据库 {path} 正被其他程序使用（StreamDesk 是否开着？）。请关闭后再恢复；没有做任何更改。</translation>
    </message>
    <message>
        <source>The database {path} needs an upgrade (schema {found}) before it can be used.</source>
        <translation>数据库 {path} 需要先升级（当前结构版本 {found}）才能使用。</translation>
    </message>
    <message>
        <source>The database {path} was written by a newer StreamDesk (schema {found}; this version knows up to {supported}). Update StreamDesk to open it; the file was not changed.</source>
        <translation>数据库 {path} 由更新版本的 StreamDesk 写入（结构版本 {found}；本版本最高支持 {supported}）。请更新 StreamDesk 后再打开；文件未被改动。</translation>
    </message>
    <message>
        <source>The database {source} has a table “{table}” that this StreamDesk does not know, so the copy would lose it. Update StreamDesk, or ask whoever added the table. Nothing was copied.</source>
        <translation>数据库 {source} 中有一张这个版本的 StreamDesk 不认识的表“{table}”，复制会丢失它。请更新 StreamDesk，或询问添加这张表的人。没有复制任何数据。</translation>
    </message>
    <message>
        <source>The database {source} has schema version {found}; this StreamDesk copies version {expected}. Open it with this StreamDesk first, then copy it. Nothing was copied.</source>
        <translation>数据库 {source} 的结构版本是 {found}，这个版本的 StreamDesk 只能复制版本 {expected}。请先用这个 StreamDesk 打开它，再复制。没有复制任何数据。</translation>
    </message>
    <message>
        <source>The database {source} lacks the table “{table}”: it may be damaged. Run “streamdesk check” on it. Nothing was copied.</source>
        <translation>数据库 {source} 缺少表“{table}”，可能已损坏。请对它运行“streamdesk check”。没有复制任何数据。</translation>
    </message>
    <message>
        <source>The database {target} is not empty (it has {count} table(s)). The shop is copied only into a new, empty database: create one on the server (CREATE DATABASE) and give its address. Nothing was changed.</source>
        <translation>数据库 {target} 不是空的（已有 {count} 张表）。店铺只会复制到新建的空数据库：请在服务器上新建一个（CREATE DATABASE），再填写它的地址。没有改动任何数据。</translation>
    </message>
    <message>
        <source>The disk is full: StreamDesk could not write to the database. Free some space and try again; nothing was saved.</source>
        <translation>磁盘已满：StreamDesk 无法写入数据库。请腾出一些空间后重试；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>The disk is full: StreamDesk could not write {path}. Free some space and try again; nothing was saved.</source>
        <translation>磁盘已满：StreamDesk 无法写入 {path}。请腾出一些空间后重试；本次没有保存任何内容。</translation>
    </message>
    <message>
        <source>The event link for {channel} was made only {hours} hours before the show: an event needs two to three days to collect registrations. Share it everywhere now, or move the show later.</source>
        <translation>{channel}的活动链接在开播前只有 {hours} 小时才创建：活动需要两到三天来积累报名。请立即在各处分享，或把开播时间推后。</translation>
    </message>
    <message>
        <source>The file gives times without a date, and the show “{show}” has no start date to take the day from. Give the show its planned start first; nothing was saved.</source>
        <translation>文件中的时间没有日期，而场次“{show}”没有开播日期可作参照。请先为本场设置计划开播时间；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file has no SKU column (such as 商家编码, 货号 or SKU). Choose which column holds the SKU codes and import again; nothing was saved.</source>
        <translation>文件中没有 SKU 列（例如 商家编码、货号 或 SKU）。请指定存放 SKU 编码的列后重新导入；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file has no column called “{column}”. Check the column mapping; nothing was saved.</source>
        <translation>文件中没有名为“{column}”的列。请检查列对应；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file has no product title column (such as 商品名称, 标题 or title). Choose which column holds the titles and import again; nothing was saved.</source>
        <translation>文件中没有商品名称列（例如 商品名称、标题 或 title）。请指定存放商品名称的列后重新导入；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file has {count} problem(s), and --strict allows none. The first problem: {first} Nothing was saved.</source>
        <translation>文件有 {count} 个问题，而 --strict 不允许任何问题。第一个问题：{first} 本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file lists {rows} shows but has no start time to tell which one this is. Export only this show&apos;s row; nothing was saved.</source>
        <translation>文件中有 {rows} 场直播，但没有开播时间，无法判断哪一场是本场。请只导出本场那一行；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file lists {rows} shows, and this show has no start date to pick the right one by. Give the show its planned start first; nothing was saved.</source>
        <translation>文件中有 {rows} 场直播，而本场没有开播日期，无法从中选出本场。请先为本场设置计划开播时间；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file needs a channel column and a bookings column (for example “渠道” and “预约人数”, or “channel” and “bookings”); its columns are: {headers}. Rename them and import again.</source>
        <translation>文件需要一列渠道和一列预约人数（例如“渠道”和“预约人数”，或“channel”和“bookings”）；它现有的列是：{headers}。请改好列名后重新导入。</translation>
    </message>
    <message>
        <source>The file {path} does not exist. Check the name and try again.</source>
        <translation>文件 {path} 不存在。请检查文件名后重试。</translation>
    </message>
    <message>
        <source>The file {path} does not exist. Check the name and try again; nothing was saved.</source>
        <translation>文件 {path} 不存在。请检查文件名后重试；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file&apos;s amounts are in {file_currency}, but the show is in {show_currency}. Import it into a show in {file_currency}, or change the show&apos;s currency; nothing was saved.</source>
        <translation>文件中的金额是 {file_currency}，而本场使用 {show_currency}。请导入到使用 {file_currency} 的场次，或修改本场币种；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The file&apos;s figures run from {first} to {last}, nowhere near the start of “{show}” ({start}): it is probably another show&apos;s export. Pick the show it belongs to, or check its planned start; nothing was saved.</source>
        <translation>文件中的数据时间是 {first} 到 {last}，与“{show}”的开播时间（{start}）相差太远，可能是另一场直播的导出文件。请选择它所属的直播，或检查本场的计划开播时间；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The flash-sale countdown is already running. Cancel it first to start again.</source>
        <translation>秒杀倒计时已在进行。要重新开始，请先取消。</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist. Choose another place for the export.</source>
        <translation>{path} 所在的文件夹不存在。请换一个位置导出。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist. Choose a folder that does; nothing was written.</source>
        <translation>文件夹 {folder} 不存在。请选择一个已有的文件夹；没有写入任何文件。</translation>
    </message>
    <message>
        <source>The format {preset} belongs to another platform than {platform}. Choose the platform&apos;s own format, or auto; nothing was saved.</source>
        <translation>格式 {preset} 属于其他平台，不是 {platform}。请选择该平台自己的格式，或用 auto；没有保存任何数据。</translation>
    </message>
    <message>
        <source>The giveaways cost cannot be negative ({value}). Correct it; nothing was saved.</source>
        <translation>赠品福利成本不能为负数（{value}）。请改正；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The hint of “{title}” is too long: keep it to {maximum} characters.</source>
        <translation>“{title}”的提示太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The limits of “{title}” must be numbers. Correct them, or leave them empty.</source>
        <translation>“{title}”的上下限必须是数字。请改正，或留空。</translation>
    </message>
    <message>
        <source>The link is too long for a QR code: {length} bytes, and error correction {ecc} holds at most {limit}. Use a shorter link (a short-link service) or a lower error correction level.</source>
        <translation>链接太长，放不进二维码：共 {length} 字节，纠错等级 {ecc} 最多容纳 {limit} 字节。请使用更短的链接（短链接服务）或更低的纠错等级。</translation>
    </message>
    <message>
        <source>The link is {length} characters long; at most {maximum} fit in a QR code that scans. Use the platform&apos;s short share link instead.</source>
        <translation>链接有 {length} 个字符，能扫出来的二维码最多放 {maximum} 个。请改用平台的短分享链接。</translation>
    </message>
    <message>
        <source>The live price of {sku} cannot be negative; nothing was changed.</source>
        <translation>{sku} 的直播价不能为负数，没有做任何修改。</translation>
    </message>
    <message>
        <source>The logo is not an image StreamDesk can read. Choose a PNG or JPEG file; nothing was saved.</source>
        <translation>这个 Logo 不是 StreamDesk 能读取的图片。请选择 PNG 或 JPEG 文件；本次没有保存。</translation>
    </message>
    <message>
        <source>The logo {path} cannot be read ({reason}); nothing was saved.</source>
        <translation>无法读取 Logo 文件 {path}（{reason}）；本次没有保存。</translation>
    </message>
    <message>
        <source>The low-stock threshold cannot be negative.</source>
        <translation>低库存阈值不能为负数。</translation>
    </message>
    <message>
        <source>The metrics import {import_id} no longer exists; it may have been undone already.</source>
        <translation>直播数据导入 {import_id} 已不存在，可能已被撤销。</translation>
    </message>
    <message>
        <source>The microphone is too loud and will distort: its peak was {peak_dbfs} dBFS with {clipped} clipped samples. Turn the gain down (change it by {adjust_db} dB) or move back a little, and test again.</source>
        <translation>麦克风音量太大，声音会失真：峰值为 {peak_dbfs} dBFS，有 {clipped} 个采样削波。请调小增益（调整 {adjust_db} dB），或离麦克风远一点，然后重新检测。</translation>
    </message>
    <message>
        <source>The microphone is too quiet: its peak was {peak_dbfs} dBFS (below {quiet_below} dBFS). Turn the gain up by about {adjust_db} dB or move closer to the microphone, and test again.</source>
        <translation>麦克风音量太小：峰值为 {peak_dbfs} dBFS（低于 {quiet_below} dBFS）。请把增益调大约 {adjust_db} dB，或离麦克风近一些，然后重新检测。</translation>
    </message>
    <message>
        <source>The microphone level is good: its peak was {peak_dbfs} dBFS, between {good_low} and {good_high} dBFS.</source>
        <translation>麦克风音量合适：峰值为 {peak_dbfs} dBFS，在 {good_low} 到 {good_high} dBFS 之间。</translation>
    </message>
    <message>
        <source>The microphone picked up nothing: its peak was {peak_dbfs} dBFS in {seconds} s. Check that it is plugged in, switched on and not muted, that the right device is chosen, and test again while speaking.</source>
        <translation>麦克风没有收到任何声音：{seconds} 秒内峰值只有 {peak_dbfs} dBFS。请检查麦克风是否插好、已打开且没有静音，设备是否选对，然后边说话边重新检测。</translation>
    </message>
    <message>
        <source>The microphone works (peak {peak_dbfs} dBFS) but is not in the best range of {good_low} to {good_high} dBFS: change the gain by {adjust_db} dB for the clearest sound.</source>
        <translation>麦克风可以使用（峰值 {peak_dbfs} dBFS），但不在 {good_low} 到 {good_high} dBFS 的最佳范围：把增益调整 {adjust_db} dB，声音会最清楚。</translation>
    </message>
    <message>
        <source>The minimum of “{title}” ({minimum}) is above its maximum ({maximum}). Swap them or correct one.</source>
        <translation>“{title}”的下限（{minimum}）高于上限（{maximum}）。请交换两者或改正其中一个。</translation>
    </message>
    <message>
        <source>The network is good: {upload_mbps} Mbit/s upload, enough for 1080p.</source>
        <translation>网络良好：上传 {upload_mbps} Mbit/s，足够 1080p 直播。</translation>
    </message>
    <message>
        <source>The note is too long: keep it to {maximum} characters.</source>
        <translation>备注太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The number of days cannot be negative.</source>
        <translation>天数不能为负数。</translation>
    </message>
    <message>
        <source>The picture {path} cannot be opened. Check that the file exists and that you may read it.</source>
        <translation>无法打开图片 {path}。请检查文件是否存在，以及您是否有读取权限。</translation>
    </message>
    <message>
        <source>The picture “{file}” is missing from the images folder. Remove it or add it again.</source>
        <translation>图片文件夹中缺少图片“{file}”。请移除它或重新添加。</translation>
    </message>
    <message>
        <source>The platform fee must be between 0 % and 100 % of net GMV, not {basis_points} basis points. Correct it; nothing was saved.</source>
        <translation>平台扣点必须在净成交金额的 0% 到 100% 之间，而不是 {basis_points} 个基点。请改正；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The poster choices could not be saved: they were not in the expected form.</source>
        <translation>海报设置未能保存：格式不对。</translation>
    </message>
    <message>
        <source>The poster could not be written to {path}: {reason}. Nothing was saved.</source>
        <translation>海报无法写入 {path}：{reason}。未保存任何内容。</translation>
    </message>
    <message>
        <source>The price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>The price cannot be negative; nothing was saved.</source>
        <translation>价格不能为负数；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The printed size must be more than 0 mm (it was {size_mm}); nothing was saved.</source>
        <translation>打印尺寸必须大于 0 毫米（当前为 {size_mm}）；本次没有保存。</translation>
    </message>
    <message>
        <source>The probe&apos;s figure “{name}” could not be saved. Run the probe again.</source>
        <translation>检测数据“{name}”无法保存。请重新运行检测。</translation>
    </message>
    <message>
        <source>The product was not saved: {count} field(s) need fixing. Correct the marked fields and save again.</source>
        <translation>商品未保存：有 {count} 个字段需要修改。请改正标出的字段后再保存。</translation>
    </message>
    <message>
        <source>The quantity must be at least 1, not {quantity}; nothing was saved.</source>
        <translation>数量至少为 1，不能是 {quantity}；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The reason is too long: keep it to {maximum} characters.</source>
        <translation>原因太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The refund cannot be negative; the case was not saved.</source>
        <translation>退款金额不能为负数；售后单没有保存。</translation>
    </message>
    <message>
        <source>The report could not be written to {path}: {reason}. Choose another folder; nothing was written.</source>
        <translation>无法把报告写入 {path}：{reason}。请换一个文件夹；没有写入任何文件。</translation>
    </message>
    <message>
        <source>The resolution must be between {minimum} and {maximum} dpi (it was {dpi}); nothing was saved.</source>
        <translation>分辨率必须在 {minimum} 到 {maximum} dpi 之间（当前为 {dpi}）；本次没有保存。</translation>
    </message>
    <message>
        <source>The rundown file has no “{column}” column (other names it may have: {aliases}). Add it and import again; nothing was saved.</source>
        <translation>流程文件缺少“{column}”列（也可以叫：{aliases}）。请补上这一列后重新导入；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The rundown file has {count} problem(s). Fix them and import again; nothing was saved.</source>
        <translation>流程文件有 {count} 个问题。请改正后重新导入；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The rundown lasts {total_text}, {over_by_text} longer than the planned {planned_text}.</source>
        <translation>流程共 {total_text}，比计划的 {planned_text} 长 {over_by_text}。</translation>
    </message>
    <message>
        <source>The rundown was not changed: {count} segment field(s) need fixing. Correct them and try again.</source>
        <translation>流程没有改动：有 {count} 个环节字段需要修改。请改正后重试。</translation>
    </message>
    <message>
        <source>The search index does not match the products, so search may miss some SKUs.</source>
        <translation>搜索索引与商品不一致，搜索可能会漏掉部分 SKU。</translation>
    </message>
    <message>
        <source>The shipping cost per parcel cannot be negative ({value}). Correct it; nothing was saved.</source>
        <translation>每单运费不能为负数（{value}）。请改正；没有保存任何内容。</translation>
    </message>
    <message>
        <source>The show has booking links but no start time. Set the planned start: bookings, posters and task times all depend on it.</source>
        <translation>本场有预约链接但没有开播时间。请设置计划开播时间：预约、海报和任务时间都依赖它。</translation>
    </message>
    <message>
        <source>The show has no booking link for the channel “{channel}”. Its channels: {choices}.</source>
        <translation>该场直播没有“{channel}”渠道的预约链接。现有渠道：{choices}。</translation>
    </message>
    <message>
        <source>The show has no booking links yet: add one on the Warm-up page, then print its posters.</source>
        <translation>该场直播还没有预约链接：请先在“预热”页面添加，再打印海报。</translation>
    </message>
    <message>
        <source>The show moved by {minutes} minutes after the booking link for {channel} was made, so the link, its posts and its posters still say the old time. Update the booking on the platform, then choose “Re-made the booking” and print the posters again.</source>
        <translation>{channel}的预约链接创建后，开播时间变动了 {minutes} 分钟，链接、相关推文和海报上仍是旧时间。请先在平台上更新预约，再点“已重新创建预约”，并重新打印海报。</translation>
    </message>
    <message>
        <source>The show now starts {minutes} minutes away from the time the WeChat Channels booking for {channel} announced. Channels reminds the people who booked only when the live starts within an hour of that time, and a booking cannot be edited. Move the show back, or revoke the booking in Channels, create it again for the new time and choose “Re-made the booking” (its count starts again from zero).</source>
        <translation>现在的开播时间与{channel}的视频号预约所公布的时间相差 {minutes} 分钟。视频号只在预告时间前后 1 小时内开播才会提醒已预约的观众，而且预约不能修改。请把开播时间改回去，或在视频号撤销该预约、按新时间重新创建，再点“已重新创建预约”（预约人数会从零开始）。</translation>
    </message>
    <message>
        <source>The show timer is already paused.</source>
        <translation>直播计时已经暂停。</translation>
    </message>
    <message>
        <source>The show timer is already running.</source>
        <translation>直播计时已经在运行。</translation>
    </message>
    <message>
        <source>The show was not saved: {count} field(s) need fixing. Correct the marked fields and save again.</source>
        <translation>节目没有保存：有 {count} 个字段需要修改。请改正标出的字段后再保存。</translation>
    </message>
    <message>
        <source>The sound device “{device}” did not work ({reason}). Close other apps that use it, plug it in again and run the test again, or choose another device.</source>
        <translation>音频设备“{device}”无法工作（{reason}）。请关闭正在占用它的其他软件，重新插拔后再检测，或换一个设备。</translation>
    </message>
    <message>
        <source>The starting stock cannot be negative.</source>
        <translation>初始库存不能为负数。</translation>
    </message>
    <message>
        <source>The table “{table}” of {source} has a column “{column}” that this StreamDesk does not know, so the copy would lose it. Update StreamDesk, or ask whoever added the column. Nothing was copied.</source>
        <translation>{source} 的表“{table}”中有一列这个版本的 StreamDesk 不认识的“{column}”，复制会丢失它。请更新 StreamDesk，或询问添加这一列的人。没有复制任何数据。</translation>
    </message>
    <message>
        <source>The table “{table}” of {source} lacks the column “{column}”: the database may be damaged. Run “streamdesk check” on it. Nothing was copied.</source>
        <translation>{source} 的表“{table}”缺少列“{column}”，数据库可能已损坏。请对它运行“streamdesk check”。没有复制任何数据。</translation>
    </message>
    <message>
        <source>The task notes are too long: keep them to {maximum} characters.</source>
        <translation>任务备注太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The task title is too long: keep it to {maximum} characters and put details in the notes.</source>
        <translation>任务标题太长：请控制在 {maximum} 个字符以内，细节写在备注里。</translation>
    </message>
    <message>
        <source>The template has two “publish the booking link” tasks. Keep one: it sets when each link&apos;s task is due.</source>
        <translation>模板里有两个“发布预约链接”任务。请只保留一个：它决定每个链接的发布任务何时到期。</translation>
    </message>
    <message>
        <source>The time has no time zone. Enter it again.</source>
        <translation>该时间没有时区，请重新输入。</translation>
    </message>
    <message>
        <source>The title of item {position} is too long: keep it to {maximum} characters and put details in the hint.</source>
        <translation>第 {position} 项的标题太长：请控制在 {maximum} 个字符以内，细节写在提示里。</translation>
    </message>
    <message>
        <source>The tracking value is too long: keep it to {maximum} characters, such as “gzh” or “pyq”.</source>
        <translation>追踪值太长：请控制在 {maximum} 个字符以内，例如“gzh”或“pyq”。</translation>
    </message>
    <message>
        <source>The unit of “{title}” is too long: keep it to {maximum} characters (for example %).</source>
        <translation>“{title}”的单位太长：请控制在 {maximum} 个字符以内（例如 %）。</translation>
    </message>
    <message>
        <source>The upload is too slow for a live stream: {upload_mbps} Mbit/s, and even 720p needs {need_720p} Mbit/s. Use a cable or 5 GHz Wi-Fi, stop other uploads (cloud backups, videos) and test again.</source>
        <translation>上传速度太慢，无法直播：只有 {upload_mbps} Mbit/s，而 720p 至少需要 {need_720p} Mbit/s。请改用网线或 5 GHz Wi-Fi，停止其他上传（网盘备份、视频），然后重新检测。</translation>
    </message>
    <message>
        <source>The upload of {upload_mbps} Mbit/s is enough for 720p but not for 1080p ({need_1080p} Mbit/s). Stream in 720p, or use a cable and stop other uploads, then test again.</source>
        <translation>上传速度 {upload_mbps} Mbit/s 够 720p，但不够 1080p（需要 {need_1080p} Mbit/s）。请用 720p 直播，或改用网线并停止其他上传后重新检测。</translation>
    </message>
    <message>
        <source>The upload test to {url} did not finish in time. Check that this address accepts uploads (Settings, Pre-flight) and that the connection holds, then test again.</source>
        <translation>到 {url} 的上传测试没有按时完成。请确认该地址可以接收上传（设置 → 开播前检查），并且网络连接稳定，然后重新检测。</translation>
    </message>
    <message>
        <source>The upload works, but none of the servers used to measure the delay answered ({failures}). Check the host list in Settings (Pre-flight), and whether a firewall blocks them.</source>
        <translation>上传正常，但用来测量延迟的服务器都没有响应（{failures}）。请检查设置（开播前检查）中的服务器列表，以及是否被防火墙拦截。</translation>
    </message>
    <message>
        <source>The value is too long: keep it to {maximum} characters.</source>
        <translation>填写的值太长：请控制在 {maximum} 个字符以内。</translation>
    </message>
    <message>
        <source>The warning must start before the danger time ({danger_seconds} s left).</source>
        <translation>警告提醒必须早于危险提醒（剩余 {danger_seconds} 秒）。</translation>
    </message>
    <message>
        <source>The workbook has no sheet called “{sheet}”. Its sheets are: {sheets}.</source>
        <translation>工作簿中没有名为“{sheet}”的工作表。现有工作表：{sheets}。</translation>
    </message>
    <message>
        <source>The {preset} preset writes {formats} files; {path} has another extension.</source>
        <translation>{preset} 模板只能导出 {formats} 文件；{path} 的扩展名不符。</translation>
    </message>
    <message>
        <source>There is already a checklist called “{name}”. Choose another name, or edit that checklist.</source>
        <translation>已有名为“{name}”的检查清单。请换一个名称，或直接编辑那份清单。</translation>
    </message>
    <message>
        <source>There is no StreamDesk database at {path} yet. Check the file name or the --db option.</source>
        <translation>{path} 还没有 StreamDesk 数据库。请检查文件名或 --db 参数。</translation>
    </message>
    <message>
        <source>There is no connection to the internet: nothing answered in time ({failures}). Check the Wi-Fi or cable and the router, then test again. Do not go live on this connection.</source>
        <translation>无法连接互联网：在限定时间内没有任何服务器响应（{failures}）。请检查 Wi-Fi 或网线以及路由器，然后重新检测。不要用这个网络开播。</translation>
    </message>
    <message>
        <source>There is no current suggestion with the key {key}. Run streamdesk advice to see the keys.</source>
        <translation>当前没有键为 {key} 的建议。运行 streamdesk advice 查看各条建议的键。</translation>
    </message>
    <message>
        <source>There is no database at {source}. Give the shop to copy with --db FILE (or STREAMDESK_DB); nothing was copied.</source>
        <translation>{source} 处没有数据库。请用 --db FILE（或 STREAMDESK_DB）指定要复制的店铺；没有复制任何数据。</translation>
    </message>
    <message>
        <source>There is no file {path}. Check the name; the database was not changed.</source>
        <translation>文件 {path} 不存在。请检查文件名；数据库没有改动。</translation>
    </message>
    <message>
        <source>There is no place {position} among the show&apos;s {count} booking links. Reopen the plan and try again.</source>
        <translation>本场的 {count} 个预约链接中没有第 {position} 个位置。请重新打开计划再试。</translation>
    </message>
    <message>
        <source>There is no place {position} in a rundown of {count} segment(s); nothing was changed.</source>
        <translation>共 {count} 个环节的流程中没有第 {position} 个位置，没有做任何改动。</translation>
    </message>
    <message>
        <source>There is no poster template “{template}”. Choose one of: {choices}.</source>
        <translation>没有名为“{template}”的海报模板。请从以下模板中选择：{choices}。</translation>
    </message>
    <message>
        <source>There is no poster theme “{theme}”. Choose one of: {choices}.</source>
        <translation>没有名为“{theme}”的海报配色。请从以下配色中选择：{choices}。</translation>
    </message>
    <message>
        <source>There is no poster to write: choose at least one channel.</source>
        <translation>没有可写入的海报：请至少选择一个渠道。</translation>
    </message>
    <message>
        <source>There is no saved mapping called “{name}”. Choose another preset or mapping.</source>
        <translation>没有名为“{name}”的已保存列对应。请选择其他预设或列对应。</translation>
    </message>
    <message>
        <source>There is no segment {number}.</source>
        <translation>没有第 {number} 个环节。</translation>
    </message>
    <message>
        <source>There is no shipping export preset ‘{preset}’. Choose one of: {presets}.</source>
        <translation>没有名为‘{preset}’的发货导出模板。可选：{presets}。</translation>
    </message>
    <message>
        <source>There is no show {show_id} to import metrics into. Choose a show that exists; nothing was saved.</source>
        <translation>没有可导入数据的场次 {show_id}。请选择一个存在的场次；没有保存任何数据。</translation>
    </message>
    <message>
        <source>There is no show {show_id}. Run “streamdesk shows list” to see the shows; nothing was saved.</source>
        <translation>没有编号为 {show_id} 的直播。运行“streamdesk shows list”查看直播列表；没有保存任何数据。</translation>
    </message>
    <message>
        <source>There is no text or link to put in the QR code.</source>
        <translation>没有可以放进二维码的文字或链接。</translation>
    </message>
    <message>
        <source>This SKU already has a target in this show.</source>
        <translation>这个 SKU 在本场已经有目标了。</translation>
    </message>
    <message>
        <source>This SKU row does not belong to this product any more. Reopen the product and edit it again.</source>
        <translation>这一行 SKU 已不属于此商品。请重新打开商品再编辑。</translation>
    </message>
    <message>
        <source>This SKU still has {on_hand} in stock. Bring its stock to 0 before turning it into a bundle.</source>
        <translation>此 SKU 仍有 {on_hand} 件库存。请先将库存调为 0，再把它改成套装。</translation>
    </message>
    <message>
        <source>This is the first segment.</source>
        <translation>这已经是第一个环节。</translation>
    </message>
    <message>
        <source>This is the last segment. End the show when you are done.</source>
        <translation>这已经是最后一个环节。播完后请结束直播。</translation>
    </message>
    <message>
        <source>This looks like a minute trend, but no column holds the time (columns: {columns}). Export the trend with its time column, or use the column mapping; nothing was saved.</source>
        <translation>这看起来是分钟趋势，但没有时间列（列：{columns}）。请连同时间列一起导出趋势，或使用列对应；没有保存任何数据。</translation>
    </message>
    <message>
        <source>This preview no longer matches the database. Preview the import again; nothing was saved.</source>
        <translation>此预览已与数据库不一致。请重新预览导入；没有保存任何数据。</translation>
    </message>
    <message>
        <source>This product already has stock history or is part of a bundle, so it cannot be deleted. Archive it instead.</source>
        <translation>此商品已有库存记录或属于某个套装，不能删除。请改为归档。</translation>
    </message>
    <message>
        <source>This product is already linked to the segment.</source>
        <translation>这个商品已经关联到该环节。</translation>
    </message>
    <message>
        <source>This show has already gone live, so it cannot be deleted: its timer log is kept for the review. Cancel it instead.</source>
        <translation>这场节目已经开播过，不能删除：计时记录要留着复盘。可以改为取消这场节目。</translation>
    </message>
    <message>
        <source>This show has ended; its timer cannot change.</source>
        <translation>本场直播已结束，计时不能再更改。</translation>
    </message>
    <message>
        <source>This show has no segments yet. Add at least one segment to the rundown before going live.</source>
        <translation>本场直播还没有环节。开播前请在流程中至少添加一个环节。</translation>
    </message>
    <message>
        <source>This task belongs to a booking link, so it stays a “publish the booking link” task. You can change its time, title and notes.</source>
        <translation>这个任务属于一个预约链接，只能是“发布预约链接”任务。可以修改它的时间、标题和备注。</translation>
    </message>
    <message>
        <source>This task belongs to a booking link. Delete the link to remove it, or tick it off when it is done.</source>
        <translation>这个任务属于一个预约链接。删除该链接即可一并删除它，完成后也可以直接勾选。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Write what to do next time; an empty action item was not saved.</source>
        <translation>请写下下次要做的改进；空的待办事项没有保存。</translation>
    </message>
    <message>
        <source>Writing the demo stock history…</source>
        <translation>正在写入演示库存记录…</translation>
    </message>
    <message>
        <source>Writing the export…</source>
        <translation>正在写入导出文件…</translation>
    </message>
    <message>
        <source>Writing the shipping file…</source>
        <translation>正在写入发货文件…</translation>
    </message>
    <message>
        <source>a text longer than Excel&apos;s 32,767 characters was cut; it ends in “…[truncated]”.</source>
        <translation>有文字超过 Excel 单元格 32,767 个字符的上限，已截断，结尾标有“…[truncated]”。</translation>
    </message>
    <message>
        <source>a total line (“{value}”), left out: the review adds the rows up itself.</source>
        <translation>合计行（“{value}”），已跳过：复盘会自行汇总各行。</translation>
    </message>
    <message>
        <source>another LIVE (started {value}), left out: row {chosen} started nearest this show&apos;s start and was used.</source>
        <translation>另一场直播（开播于 {value}），已跳过：第 {chosen} 行的开播时间最接近本场，已采用该行。</translation>
    </message>
    <message>
        <source>left out: it has no phone number, and the courier needs one. Add it and export again.</source>
        <translation>未导出：没有电话号码，而快递公司需要电话。请补全后重新导出。</translation>
    </message>
    <message>
        <source>left out: it has no recipient or no address. Add them to the order and export again.</source>
        <translation>未导出：缺少收件人或地址。请在订单中补全后重新导出。</translation>
    </message>
    <message>
        <source>left out: the platform masked the recipient&apos;s name, phone or address (with *). Print its label from the platform&apos;s own shipping flow (电子面单), or type the real details in first.</source>
        <translation>未导出：平台已对收件人的姓名、电话或地址打码（含 *）。请在平台自己的电子面单流程中打印面单，或先填入真实信息。</translation>
    </message>
    <message>
        <source>no time in column “{column}”, so the row cannot be placed; it was left out.</source>
        <translation>列“{column}”中没有时间，无法确定这一行的位置，已跳过。</translation>
    </message>
    <message>
        <source>several platforms have an order {order}, so StreamDesk cannot tell which one shipped.</source>
        <translation>多个平台都有订单 {order}，StreamDesk 无法判断是哪一个发了货。</translation>
    </message>
    <message>
        <source>skipped with the rest of order {order}, because row {bad_row} of it has a problem.</source>
        <translation>与订单 {order} 的其他行一起跳过，因为该订单的第 {bad_row} 行有问题。</translation>
    </message>
    <message>
        <source>the ID ‘{value}’ was rounded by a spreadsheet, so its real digits are lost and it was not imported. Export the file from the platform again and import it without opening it in Excel.</source>
        <translation>编号‘{value}’已被表格软件四舍五入，真实数字已丢失，未导入。请从平台重新导出文件，不要用 Excel 打开后再导入。</translation>
    </message>
    <message>
        <source>the SKU is empty.</source>
        <translation>SKU 为空。</translation>
    </message>
    <message>
        <source>the SKU ‘{sku}’ already appears on row {first_row}, so this row was skipped.</source>
        <translation>SKU‘{sku}’已在第 {first_row} 行出现，本行已跳过。</translation>
    </message>
    <message>
        <source>the amount ‘{value}’ is negative.</source>
        <translation>金额‘{value}’为负数。</translation>
    </message>
    <message>
        <source>the cost ‘{value}’ is negative.</source>
        <translation>成本‘{value}’是负数。</translation>
    </message>
    <message>
        <source>the cost ‘{value}’ is not a number.</source>
        <translation>成本‘{value}’不是数字。</translation>
    </message>
    <message>
        <source>the count {bookings} has no channel. Add the channel&apos;s name; this row was left out.</source>
        <translation>人数 {bookings} 没有对应的渠道。请填上渠道名称；这一行没有导入。</translation>
    </message>
    <message>
        <source>the count “{value}” for “{channel}” cannot be right. Fix it; this row was left out.</source>
        <translation>“{channel}”的人数“{value}”不可能正确。请改正；这一行没有导入。</translation>
    </message>
    <message>
        <source>the count “{value}” for “{channel}” is not a whole number. Fix it; this row was left out.</source>
        <translation>“{channel}”的人数“{value}”不是整数。请改正；这一行没有导入。</translation>
    </message>
    <message>
        <source>the fixed start ‘{value}’ does not exist on {date}: the clocks go forward over that time. Write a time outside the skipped hour.</source>
        <translation>固定开始时间“{value}”在 {date} 不存在：那天时钟会向前拨，跳过这段时间。请写一个不在跳过时段内的时间。</translation>
    </message>
    <message>
        <source>the fixed start ‘{value}’ is a time of day, but the show has no date. Write a date and time, or give the show a start first.</source>
        <translation>固定开始时间“{value}”只有钟点，但这场节目还没有日期。请写上日期和时间，或先给节目设定开始时间。</translation>
    </message>
    <message>
        <source>the fixed start ‘{value}’ is not a time such as 20:00 or 2026-03-01 20:00.</source>
        <translation>固定开始时间“{value}”不是时间，应写成 20:00 或 2026-03-01 20:00 这样的格式。</translation>
    </message>
    <message>
        <source>the flash-sale countdown of {value} seconds must be between {min} and {max} seconds.</source>
        <translation>秒杀倒计时 {value} 秒不在 {min} 到 {max} 秒之间。</translation>
    </message>
    <message>
        <source>the line has neither a product title nor a SKU.</source>
        <translation>此行既没有商品标题也没有 SKU。</translation>
    </message>
    <message>
        <source>the line ‘{line}’ appears twice in this order; the repeat was skipped.</source>
        <translation>子订单‘{line}’在此订单中出现了两次，已跳过重复的一行。</translation>
    </message>
    <message>
        <source>the live price ‘{value}’ is negative.</source>
        <translation>直播价‘{value}’是负数。</translation>
    </message>
    <message>
        <source>the live price ‘{value}’ is not a number.</source>
        <translation>直播价‘{value}’不是数字。</translation>
    </message>
    <message>
        <source>the order ID in column “{column}” is empty, so the row was skipped.</source>
        <translation>“{column}”列中的订单号为空，已跳过此行。</translation>
    </message>
    <message>
        <source>the order has no time it was placed or paid (column “{column}”).</source>
        <translation>此订单没有下单或付款时间（“{column}”列）。</translation>
    </message>
    <message>
        <source>the order {order} has no items in the items file beside this one, so it was skipped.</source>
        <translation>订单 {order} 在旁边的商品明细文件中没有商品，已跳过。</translation>
    </message>
    <message>
        <source>the order {order} has no tracking number.</source>
        <translation>订单 {order} 没有运单号。</translation>
    </message>
    <message>
        <source>the order {order} is not in the orders file beside this one, so it was skipped.</source>
        <translation>订单 {order} 不在旁边的订单文件中，已跳过。</translation>
    </message>
    <message>
        <source>the planned duration is empty. Write it as minutes:seconds, such as 5:00.</source>
        <translation>计划时长为空。请按“分:秒”填写，例如 5:00。</translation>
    </message>
    <message>
        <source>the position ‘{value}’ is not a whole number.</source>
        <translation>序号“{value}”不是整数。</translation>
    </message>
    <message>
        <source>the price ‘{value}’ is negative.</source>
        <translation>价格‘{value}’是负数。</translation>
    </message>
    <message>
        <source>the price ‘{value}’ is not a number.</source>
        <translation>价格‘{value}’不是数字。</translation>
    </message>
    <message>
        <source>the product title is empty.</source>
        <translation>商品名称为空。</translation>
    </message>
    <message>
        <source>the province and city could not be read from the address, so those cells are empty. Check them before you upload the file.</source>
        <translation>无法从地址中识别省和市，这两格为空。上传文件前请检查。</translation>
    </message>
    <message>
        <source>the quantity ‘{value}’ is not a whole number.</source>
        <translation>数量‘{value}’不是整数。</translation>
    </message>
    <message>
        <source>the quantity ‘{value}’ must be at least 1.</source>
        <translation>数量‘{value}’至少应为 1。</translation>
    </message>
    <message>
        <source>the show has no booking link for “{channel}”. Use a link&apos;s name as the plan shows it; this row was left out.</source>
        <translation>本场没有“{channel}”的预约链接。请使用计划里显示的链接名称；这一行没有导入。</translation>
    </message>
    <message>
        <source>the spec ‘{value}’ names the same attribute twice.</source>
        <translation>规格‘{value}’中同一属性出现了两次。</translation>
    </message>
    <message>
        <source>the stock ‘{value}’ is negative.</source>
        <translation>库存‘{value}’是负数。</translation>
    </message>
    <message>
        <source>the stock ‘{value}’ is not a whole number.</source>
        <translation>库存‘{value}’不是整数。</translation>
    </message>
    <message>
        <source>the target prints only Latin letters, and these are not: {columns}.</source>
        <translation>目标平台只能打印拉丁字母，以下内容不是：{columns}。</translation>
    </message>
    <message>
        <source>the warning time {warn} must be longer than the danger time {danger}.</source>
        <translation>警告时间 {warn} 必须长于紧急时间 {danger}。</translation>
    </message>
    <message>
        <source>there is no SKU ‘{sku}’ in the catalogue.</source>
        <translation>商品库中没有 SKU“{sku}”。</translation>
    </message>
    <message>
        <source>there is no order {order} in StreamDesk. Import the platform&apos;s orders first.</source>
        <translation>StreamDesk 中没有订单 {order}。请先导入平台订单。</translation>
    </message>
    <message>
        <source>too long for the target, cut to fit: {columns}.</source>
        <translation>超出目标平台的长度限制，已截短：{columns}。</translation>
    </message>
    <message>
        <source>{action} works on a database file; this one is on a server ({url}). Ask whoever runs the server for its backups (pg_dump), or copy it to a file with: streamdesk db migrate-to FILE</source>
        <translation>{action} 只适用于数据库文件；当前数据库在服务器上（{url}）。请向服务器管理员索取备份（pg_dump），或用以下命令复制成文件：streamdesk db migrate-to 文件</translation>
    </message>
    <message>
        <source>{first} Nothing was saved.</source>
        <translation>{first}没有保存任何内容。</translation>
    </message>
    <message>
        <source>{first} The file has {more} more problem(s); nothing was saved.</source>
        <translation>{first}文件中还有 {more} 个问题；没有保存任何内容。</translation>
    </message>
    <message>
        <source>{foreground} on {background} has a contrast of only {ratio}:1, and a scanner needs at least {minimum}:1. Choose a darker code colour or a lighter background; nothing was saved.</source>
        <translation>{foreground} 配 {background} 的对比度只有 {ratio}:1，扫码至少需要 {minimum}:1。请选更深的码颜色或更浅的背景；本次没有保存。</translation>
    </message>
    <message>
        <source>{path} already exists. Choose a new file name for the demo shop; nothing was changed.</source>
        <translation>{path} 已存在。请为演示店铺换一个新文件名；没有做任何更改。</translation>
    </message>
    <message>
        <source>{path} contains {count} damaged character(s) (shown as �): some text was already lost when the file was saved. Export it again as UTF-8 and import the new file; nothing was saved.</source>
        <translation>{path} 含有 {count} 个损坏的字符（显示为 �）：保存文件时已有文字丢失。请重新导出为 UTF-8 后导入新文件；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} contains {count} damaged character(s) (shown as �): some text was lost before the file reached StreamDesk. Choose another encoding, or export the data again; nothing was saved.</source>
        <translation>{path} 中有 {count} 个损坏的字符（显示为 �）：文件到达 StreamDesk 之前已丢失部分文字。请换一种编码，或重新导出数据；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} has a header row but no product rows; nothing was saved.</source>
        <translation>{path} 只有表头，没有商品行；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} has no order that can be imported; nothing was saved.</source>
        <translation>{path} 中没有可以导入的订单；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} has no segment rows under its header; nothing was saved.</source>
        <translation>{path} 的表头下面没有环节行；没有保存任何内容。</translation>
    </message>
    <message>
        <source>{path} holds no metrics: choose the platform&apos;s live-data export with a header row and at least one data row; nothing was saved.</source>
        <translation>{path} 中没有直播数据：请选择平台导出的、带表头且至少有一行数据的直播数据文件；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} holds only the orders of a {preset} export; their items are in a second file whose name starts with {prefix}. Put both files in one folder and import again; nothing was saved.</source>
        <translation>{path} 只包含{preset}导出的订单部分，商品明细在另一个以 {prefix} 开头的文件里。请把两个文件放在同一文件夹后重新导入；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is a damaged Excel workbook, or one built to attack the programs that open it ({detail}). Open it in Excel and save it again, or export it as CSV; nothing was saved.</source>
        <translation>{path} 是损坏的 Excel 工作簿，或是专门攻击打开它的程序的文件（{detail}）。请在 Excel 中打开后重新保存，或导出为 CSV；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is a {format} picture. Use a PNG, JPEG, GIF, WebP or BMP file instead.</source>
        <translation>{path} 是 {format} 格式的图片。请改用 PNG、JPEG、GIF、WebP 或 BMP 文件。</translation>
    </message>
    <message>
        <source>{path} is an old Excel .xls workbook. Save it as .xlsx or CSV in Excel and import that file; nothing was saved.</source>
        <translation>{path} 是旧版 Excel .xls 工作簿。请在 Excel 中另存为 .xlsx 或 CSV 后导入；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is broken near row {row} (a quote that never closes, or a cell too long). Export the file again; nothing was saved.</source>
        <translation>{path} 在第 {row} 行附近已损坏（引号没有闭合，或单元格过长）。请重新导出文件；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is cut short ({detail}): part of the database is missing. It was not changed. Open StreamDesk to restore a backup, or run: streamdesk restore BACKUP</source>
        <translation>{path} 不完整（{detail}）：数据库缺了一部分。文件没有被改动。请打开 StreamDesk 恢复备份，或运行：streamdesk restore 备份文件</translation>
    </message>
    <message>
        <source>{path} is damaged (it failed its integrity check), so it was not restored. The database was not changed.</source>
        <translation>{path} 已损坏（未通过完整性检查），因此没有恢复。数据库没有改动。</translation>
    </message>
    <message>
        <source>{path} is damaged: its list of tables cannot be read ({detail}). It was not changed. Open StreamDesk to restore a backup, or run: streamdesk restore BACKUP</source>
        <translation>{path} 已损坏：无法读取其中的表清单（{detail}）。文件没有被改动。请打开 StreamDesk 恢复备份，或运行：streamdesk restore 备份文件</translation>
    </message>
    <message>
        <source>{path} is damaged: some of its pages cannot be read ({detail}). Restore a backup (StreamDesk offers the newest good one), or run: streamdesk restore BACKUP</source>
        <translation>{path} 已损坏：部分数据页无法读取（{detail}）。请恢复备份（StreamDesk 会提供最新的完好备份），或运行：streamdesk restore 备份文件</translation>
    </message>
    <message>
        <source>{path} is empty (0 bytes): the database in it was lost, perhaps by a copy or a sync that was cut short. It was not changed. Open StreamDesk to restore a backup, or run: streamdesk restore BACKUP</source>
        <translation>{path} 是空文件（0 字节）：里面的数据库丢失了，可能是复制或同步中途被打断。文件没有被改动。请打开 StreamDesk 恢复备份，或运行：streamdesk restore 备份文件</translation>
    </message>
    <message>
        <source>{path} is empty. Choose a file with a header row and product rows; nothing was saved.</source>
        <translation>{path} 是空文件。请选择带表头和商品行的文件；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is not a CSV or Excel (.xlsx) file. Choose a spreadsheet; nothing was saved.</source>
        <translation>{path} 不是 CSV 或 Excel（.xlsx）文件。请选择表格文件；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is not a StreamDesk database. Choose another file; this one was not changed.</source>
        <translation>{path} 不是 StreamDesk 数据库。请选择其他文件；此文件未被改动。</translation>
    </message>
    <message>
        <source>{path} is not a database file: it is damaged, or another program&apos;s file. It was not changed.</source>
        <translation>{path} 不是数据库文件：它已损坏，或是其他程序的文件。文件没有被改动。</translation>
    </message>
    <message>
        <source>{path} is not a picture StreamDesk can read, or the file is damaged.</source>
        <translation>{path} 不是 StreamDesk 能读取的图片，或文件已损坏。</translation>
    </message>
    <message>
        <source>{path} is not a text file StreamDesk can read. Save it as UTF-8 text and check it again.</source>
        <translation>{path} 不是 StreamDesk 能读取的文本文件。请另存为 UTF-8 文本后再检查。</translation>
    </message>
    <message>
        <source>{path} is not valid {encoding} text. Choose another encoding; nothing was saved.</source>
        <translation>{path} 不是有效的 {encoding} 文本。请选择其他编码；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} is the database itself. Choose a backup file to restore from; nothing was changed.</source>
        <translation>{path} 就是数据库本身。请选择一个备份文件来恢复；没有做任何更改。</translation>
    </message>
    <message>
        <source>{path} looks like a {preset} export but has no column for {columns}. Export it again with those columns, or map them yourself; nothing was saved.</source>
        <translation>{path} 看起来是{preset}导出的文件，但缺少“{columns}”列。请带上这些列重新导出，或自己对应列；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} needs an order ID column (订单号, Order ID) and a tracking number column (物流单号, Tracking ID); nothing was saved.</source>
        <translation>{path} 需要订单号列（订单号、Order ID）和运单号列（物流单号、Tracking ID）；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} unpacks to {size} MB in its part {part}, more than StreamDesk reads from one workbook ({limit} MB). Save the sheet as CSV or split it, and import that; nothing was saved.</source>
        <translation>{path} 的部件 {part} 解压后有 {size} MB，超过了 StreamDesk 能从一个工作簿读取的上限（{limit} MB）。请把工作表另存为 CSV 或拆分后再导入；没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} was not opened: its part {part} unpacks from {packed} kB to {size} MB, which no real spreadsheet does (a file built to crash programs, a “zip bomb”). Nothing was saved.</source>
        <translation>没有打开 {path}：它的部件 {part} 从 {packed} kB 解压成 {size} MB，真正的表格不会这样（这是专门让程序崩溃的文件，即“压缩炸弹”）。没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path}: a QR code can be saved as .png or .svg only; nothing was saved.</source>
        <translation>{path}：二维码只能保存为 .png 或 .svg；本次没有保存。</translation>
    </message>
    <message>
        <source>{path}: a poster is written as .pdf or .png; choose one of those extensions.</source>
        <translation>{path}：海报只能保存为 .pdf 或 .png，请使用其中一种扩展名。</translation>
    </message>
    <message>
        <source>{platform} is not a platform StreamDesk knows. Use one of: {known}.</source>
        <translation>StreamDesk 不认识平台 {platform}。请使用以下之一：{known}。</translation>
    </message>
    <message>
        <source>{reason} (File: {file})</source>
        <translation>{reason}（文件：{file}）</translation>
    </message>
    <message>
        <source>{sku} has {on_hand} in stock, so a change of {delta} would take it below zero. Nothing was changed.</source>
        <translation>{sku} 现有库存 {on_hand}，变动 {delta} 会使库存低于零。没有做任何修改。</translation>
    </message>
    <message>
        <source>{sku} is a bundle or part of one; bundles cannot be nested.</source>
        <translation>{sku} 是套装或属于某个套装；套装不能嵌套。</translation>
    </message>
    <message>
        <source>{sku} is a bundle: its stock comes from its components. Adjust the components instead; nothing was changed.</source>
        <translation>{sku} 是套装，库存由组件决定。请调整组件的库存；没有做任何修改。</translation>
    </message>
    <message>
        <source>{target} already exists. The shop is copied only into a new file, never over one: choose a name that is not taken. Nothing was changed.</source>
        <translation>{target} 已存在。店铺只会复制到新文件，不会覆盖已有文件：请换一个未被占用的文件名。没有改动任何数据。</translation>
    </message>
    <message>
        <source>{target} refused a value in the column “{column}” of the table “{table}” ({reason}). The shop holds a value that does not fit there, perhaps edited by hand: correct it, then copy again. Nothing was copied.</source>
        <translation>{target} 拒收了表“{table}”中“{column}”列的一个值（{reason}）。店铺里有一个放不进这一列的值，可能是手工改过：请改正后重新复制。没有复制任何数据。</translation>
    </message>
    <message>
        <source>{url} is not a database address. Team mode takes postgresql://USER:PASSWORD@HOST:PORT/NAME.</source>
        <translation>{url} 不是数据库地址。团队模式的地址格式为 postgresql://用户名:密码@主机:端口/数据库名。</translation>
    </message>
    <message>
        <source>{zone} is not a time zone StreamDesk knows. Use a name such as Asia/Shanghai or Europe/London.</source>
        <translation>StreamDesk 不认识时区 {zone}。请使用 Asia/Shanghai 或 Europe/London 这样的名称。</translation>
    </message>
    <message>
        <source>‘{sku}’ is a bundle whose stock comes from its components, so leave its stock cell empty.</source>
        <translation>‘{sku}’是组合商品，库存由组件决定，请将库存单元格留空。</translation>
    </message>
    <message>
        <source>‘{status}’ is not an order status. Use one of: {statuses}.</source>
        <translation>‘{status}’不是订单状态。可用：{statuses}。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is a number Excel rounded, so its real digits are lost. Format that column as text and export the file again.</source>
        <translation>“{column}”列中的‘{value}’已被 Excel 四舍五入，真实数字已丢失。请把该列设为文本格式后重新导出文件。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is negative.</source>
        <translation>“{column}”列中的‘{value}’是负数。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is not a currency code such as CNY or USD.</source>
        <translation>“{column}”列中的‘{value}’不是 CNY、USD 这样的货币代码。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is not a date and time this platform writes.</source>
        <translation>“{column}”列中的‘{value}’不是此平台使用的日期时间格式。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is not a duration such as 5:00, 1:15:00 or 300 (seconds).</source>
        <translation>“{column}”列中的“{value}”不是时长，应写成 5:00、1:15:00 或 300（秒）这样的格式。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is not a whole number.</source>
        <translation>“{column}”列中的‘{value}’不是整数。</translation>
    </message>
    <message>
        <source>‘{value}’ in column “{column}” is not an amount of money.</source>
        <translation>“{column}”列中的‘{value}’不是金额。</translation>
    </message>
    <message>
        <source>‘{value}’ is not a currency code such as CNY or USD.</source>
        <translation>‘{value}’不是 CNY、USD 这样的币种代码。</translation>
    </message>
    <message>
        <source>‘{value}’ is not a product role (引流款, 利润款, 主推款 or 福利款).</source>
        <translation>‘{value}’不是排品定位（引流款、利润款、主推款或福利款）。</translation>
    </message>
    <message>
        <source>‘{value}’ is not a segment kind (opening, warm_up, pitch, flash_sale, giveaway, interaction, break, closing, or 开场, 暖场, 讲解, 秒杀, 福袋, 互动, 休息, 收尾).</source>
        <translation>“{value}”不是环节类型（可填：开场、暖场、讲解、秒杀、福袋、互动、休息、收尾，或 opening、warm_up、pitch、flash_sale、giveaway、interaction、break、closing）。</translation>
    </message>
    <message>
        <source>‘{value}’ is not an order ID of this platform, so the row was skipped.</source>
        <translation>‘{value}’不是此平台的订单号，已跳过此行。</translation>
    </message>
    <message>
        <source>“{channel}” fits {count} booking links. Use each link&apos;s own name; this row was left out.</source>
        <translation>“{channel}”对应 {count} 个预约链接。请使用每个链接自己的名称；这一行没有导入。</translation>
    </message>
    <message>
        <source>“{channel}” has no booking count. Fill it in; this row was left out.</source>
        <translation>“{channel}”没有预约人数。请填上；这一行没有导入。</translation>
    </message>
    <message>
        <source>“{channel}” was already counted in row {first_row}. Keep one row per link; this row was left out.</source>
        <translation>“{channel}”已在第 {first_row} 行统计过。每个链接只保留一行；这一行没有导入。</translation>
    </message>
    <message>
        <source>“{colour}” is not a colour. Write it as #RRGGBB, for example #000000 for black.</source>
        <translation>“{colour}”不是颜色。请写成 #RRGGBB 的形式，例如黑色是 #000000。</translation>
    </message>
    <message>
        <source>“{currency}” is not a currency code. Use three capital letters, such as CNY or USD.</source>
        <translation>“{currency}”不是货币代码。请使用三个大写字母，例如 CNY 或 USD。</translation>
    </message>
    <message>
        <source>“{ecc}” is not an error correction level. Use L, M, Q or H.</source>
        <translation>“{ecc}”不是纠错等级。请使用 L、M、Q 或 H。</translation>
    </message>
    <message>
        <source>“{encoding}” is not a text encoding StreamDesk knows. Try UTF-8 or GB18030.</source>
        <translation>StreamDesk 不认识文字编码“{encoding}”。请试试 UTF-8 或 GB18030。</translation>
    </message>
    <message>
        <source>“{field}” is not a metric StreamDesk stores. Use one of: {fields}.</source>
        <translation>“{field}”不是 StreamDesk 保存的数据项。请使用以下之一：{fields}。</translation>
    </message>
    <message>
        <source>“{field}” is not one of the show totals StreamDesk keeps; nothing was saved.</source>
        <translation>“{field}”不是 StreamDesk 记录的场次汇总项；没有保存任何内容。</translation>
    </message>
    <message>
        <source>“{file}” is not a picture file name from the images folder.</source>
        <translation>“{file}”不是图片文件夹中的图片文件名。</translation>
    </message>
    <message>
        <source>“{name}” cannot be a tracking parameter: use up to 32 letters, digits, “_”, “.” or “-” (for example utm_source), or leave it empty to turn tracking off.</source>
        <translation>“{name}”不能作为追踪参数：请用不超过 32 个字母、数字、“_”、“.”或“-”（例如 utm_source），或留空关闭追踪。</translation>
    </message>
    <message>
        <source>“{name}” is the only checklist, so it cannot be deleted. Create another checklist first, or edit this one.</source>
        <translation>“{name}”是唯一的检查清单，不能删除。请先新建一份清单，或直接编辑这一份。</translation>
    </message>
    <message>
        <source>“{platform}” is not a platform StreamDesk knows. Use one of: {platforms}.</source>
        <translation>“{platform}”不是 StreamDesk 认识的平台。请使用以下之一：{platforms}。</translation>
    </message>
    <message>
        <source>“{preset}” is not a metrics format StreamDesk knows. Use auto or one of: {presets}.</source>
        <translation>“{preset}”不是 StreamDesk 认识的直播数据格式。请用 auto 或以下之一：{presets}。</translation>
    </message>
    <message>
        <source>“{preset}” is not an import preset. The presets are: {presets}.</source>
        <translation>“{preset}”不是导入预设。可用的预设有：{presets}。</translation>
    </message>
    <message>
        <source>“{text}” is not a number. Type the value as a number, for example 85 or 85%.</source>
        <translation>“{text}”不是数字。请填写数字，例如 85 或 85%。</translation>
    </message>
    <message>
        <source>“{title}” cannot start at its fixed time: the segments before it end {late_by_text} too late. Shorten or move them.</source>
        <translation>“{title}”赶不上固定开始时间：前面的环节会晚 {late_by_text} 结束。请缩短或调整前面的环节。</translation>
    </message>
    <message>
        <source>“{title}” has a probe but is not an automatic check. Make it an automatic check, or remove the probe.</source>
        <translation>“{title}”设置了检测内容，但不是自动检测项。请改为自动检测项，或去掉检测内容。</translation>
    </message>
    <message>
        <source>“{title}” has no planned duration yet.</source>
        <translation>“{title}”还没有计划时长。</translation>
    </message>
    <message>
        <source>“{title}” is a show template, not a show. Create a show from it and run the pre-flight check for that show.</source>
        <translation>“{title}”是直播模板，不是一场直播。请先用它创建直播，再对那场直播做开播前检查。</translation>
    </message>
    <message>
        <source>“{title}” is a template and cannot go live. Create a show from it first, or rehearse it.</source>
        <translation>“{title}”是模板，不能直接开播。请先用它创建一场直播，或用它彩排。</translation>
    </message>
    <message>
        <source>“{title}” is already live (run {run_id}). Resume that run, or end it, before going live again.</source>
        <translation>“{title}”正在直播（计时记录 {run_id}）。请先继续或结束那一场，再重新开播。</translation>
    </message>
    <message>
        <source>“{title}” is an automatic check but says nothing about what to measure. Choose the probe (microphone, network …), or make it a manual item.</source>
        <translation>“{title}”是自动检测项，但没有指定检测什么。请选择检测内容（麦克风、网络……），或改为手动勾选项。</translation>
    </message>
    <message>
        <source>“{title}” is not checked by typing a value: tick it or run its probe instead.</source>
        <translation>“{title}”不是通过填写数值来检查的：请直接勾选，或运行它的自动检测。</translation>
    </message>
    <message>
        <source>“{title}”: {product} ({sku}) is archived. Remove it or restore the product.</source>
        <translation>“{title}”：{product}（{sku}）已归档。请移除它或恢复该商品。</translation>
    </message>
    <message>
        <source>“{title}”: {product} ({sku}) is out of stock.</source>
        <translation>“{title}”：{product}（{sku}）没有库存。</translation>
    </message>
    <message>
        <source>“{url}” is not a web link. Paste the booking link as the platform shares it, starting with http:// or https://.</source>
        <translation>“{url}”不是网页链接。请粘贴平台分享出来的预约链接，以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not a date and time; the row was left out.</source>
        <translation>列“{column}”中的“{value}”不是日期时间，该行已跳过。</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not a number; that figure was left blank.</source>
        <translation>列“{column}”中的“{value}”不是数字，该项留空。</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not a number; the row was left out.</source>
        <translation>列“{column}”中的“{value}”不是数字，该行已跳过。</translation>
    </message>
    <message>
        <source>“{value}” is not a column mapping. Write it as NAME=HEADER, for example time=Minute.</source>
        <translation>“{value}”不是列对应。请写作 名称=表头，例如 time=Minute。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount of money.</source>
        <translation>“{value}”不是有效的金额。</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>Looking for the newest good backup…</source>
        <translation>正在查找最新的完好备份…</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>备份没有恢复</translation>
    </message>
    <message>
        <source>The restore was cancelled.</source>
        <translation>恢复已取消。</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Creating the demo shop…</source>
        <translation>正在创建演示店铺…</translation>
    </message>
    <message>
        <source>Restoring {name}…</source>
        <translation>正在恢复 {name}…</translation>
    </message>
    <message>
        <source>StreamDesk is already open on {database}; its window was brought to the front.</source>
        <translation>StreamDesk 已经打开了 {database}，已将它的窗口切换到最前面。</translation>
    </message>
    <message>
        <source>StreamDesk — copy of {backup} (changes are not kept)</source>
        <translation>StreamDesk — {backup} 的副本（修改不会保存）</translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database is already open</source>
        <translation>数据库已被打开</translation>
    </message>
    <message>
        <source>The demo could not be created</source>
        <translation>无法创建演示店铺</translation>
    </message>
    <message>
        <source>This backup cannot be opened</source>
        <translation>无法打开这个备份</translation>
    </message>
    <message>
        <source>{database} could not be opened. The details are in the log file {log}.</source>
        <translation>无法打开 {database}。详细信息见日志文件 {log}。</translation>
    </message>
    <message>
        <source>{database} is open in another StreamDesk that does not respond (process {pid}). Close that StreamDesk, or wait until it responds, then start again.</source>
        <translation>{database} 已在另一个没有响应的 StreamDesk 中打开（进程 {pid}）。请关闭那个 StreamDesk，或等它恢复响应，然后重新启动。</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Something unexpected went wrong and the task stopped. The details are in the log file {log}.</source>
        <translation>发生意外错误，任务已停止。详细信息见日志文件 {log}。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong and the task stopped. The details are in the log file.</source>
        <translation>发生意外错误，任务已停止。详细信息见日志文件。</translation>
    </message>
</context>
</TS>
