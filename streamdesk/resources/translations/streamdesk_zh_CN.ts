<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Past sales {part} × weight {weight}: from orders, 0 until there are some</source>
        <translation>历史销量 {part} × 权重 {weight}：来自订单，没有订单前为 0</translation>
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
    <name>ChooseFilePage</name>
    <message>
        <source>Choose a CSV or Excel (.xlsx) file with one row per SKU, such as an export from your shop&apos;s back office. You will match its columns and see every row checked before anything is saved.</source>
        <translation>请选择一个每行一个 SKU 的 CSV 或 Excel（.xlsx）文件，例如从店铺后台导出的商品表。保存之前，你会先对应各列，并看到每一行的检查结果。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Step 1 of 3: choose a file</source>
        <translation>第 1 步（共 3 步）：选择文件</translation>
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
    <name>FilterBar</name>
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
        <source>All roles</source>
        <translation>全部定位</translation>
    </message>
    <message>
        <source>Archived products</source>
        <translation>已归档商品</translation>
    </message>
    <message>
        <source>Low stock only</source>
        <translation>只看库存不足</translation>
    </message>
    <message>
        <source>Search title, SKU, barcode or tag (Ctrl+F)</source>
        <translation>搜索标题、SKU、条码或标签（Ctrl+F）</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;About StreamDesk</source>
        <translation>关于 StreamDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
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
        <source>&lt;h3&gt;StreamDesk {version}&lt;/h3&gt;&lt;p&gt;Tools for people who sell by live-streaming: catalogue, run of show, orders and review, all in one file on your computer.&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Log file: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;StreamDesk {version}&lt;/h3&gt;&lt;p&gt;为直播带货的你准备的工具：商品目录、直播流程、订单和复盘，全部保存在你电脑上的一个文件里。&lt;/p&gt;&lt;p&gt;许可证：GPL-3.0-or-later&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;日志文件：{log}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A task is still running. Quit anyway? It will be stopped first.</source>
        <translation>还有任务在运行。仍要退出吗？任务会先被停止。</translation>
    </message>
    <message>
        <source>About StreamDesk</source>
        <translation>关于 StreamDesk</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
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
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>On this page: {page}</source>
        <translation>本页：{page}</translation>
    </message>
    <message>
        <source>Only a database file on this computer can be backed up here.</source>
        <translation>这里只能备份本机上的数据库文件。</translation>
    </message>
    <message>
        <source>Quit StreamDesk?</source>
        <translation>退出 StreamDesk？</translation>
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
        <source>StreamDesk — {database}</source>
        <translation>StreamDesk — {database}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
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
        <source>Detect automatically</source>
        <translation>自动识别</translation>
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
    <message>
        <source>Problems (these rows are skipped)</source>
        <translation>问题（这些行将被跳过）</translation>
    </message>
    <message>
        <source>Step 3 of 3: check and import</source>
        <translation>第 3 步（共 3 步）：检查并导入</translation>
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
        <source>{rows} rows checked: {added} SKUs to add, {updated} to update, {unchanged} unchanged, {skipped} rows to skip. Nothing has been saved yet.</source>
        <translation>已检查 {rows} 行：将新增 {added} 个 SKU，更新 {updated} 个，{unchanged} 个无变化，跳过 {skipped} 行。目前还没有保存任何数据。</translation>
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
        <source>&amp;Ship-from address:</source>
        <translation>发货地址(&amp;S)：</translation>
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
    <name>SummaryPage</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
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
    <name>cli</name>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Dry run: nothing was saved.</source>
        <translation>试运行：没有保存任何数据。</translation>
    </message>
    <message>
        <source>Exported {rows} SKU(s) to {path}.</source>
        <translation>已导出 {rows} 个 SKU 到 {path}。</translation>
    </message>
    <message>
        <source>Interrupted; nothing was saved.</source>
        <translation>已中断，没有保存任何内容。</translation>
    </message>
    <message>
        <source>Restored {database} from {source}.</source>
        <translation>已用 {source} 恢复 {database}。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; details are in {log}.</source>
        <translation>发生了意外错误，详细信息见 {log}。</translation>
    </message>
    <message>
        <source>The database it replaced was kept as {path}.</source>
        <translation>被替换的数据库已保存为 {path}。</translation>
    </message>
    <message>
        <source>Wrote a demo shop with {products} products and {skus} SKUs to {path}.</source>
        <translation>已在 {path} 生成演示店铺：{products} 个商品，{skus} 个 SKU。</translation>
    </message>
    <message>
        <source>{file}: {rows} row(s) read; {added} SKU(s) added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</source>
        <translation>{file}：读取 {rows} 行；新增 {added} 个 SKU，更新 {updated} 个，{unchanged} 个未变，跳过 {skipped} 行。</translation>
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
        <source>A backup cannot be written over the database itself ({path}). Choose another file name.</source>
        <translation>备份不能覆盖数据库本身（{path}）。请换一个文件名。</translation>
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
        <source>Alternative title</source>
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
        <source>Bundle component {component_id} does not exist. Remove it from the bundle.</source>
        <translation>套装组件 {component_id} 不存在。请将它从套装中移除。</translation>
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
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Checking the search index…</source>
        <translation>正在检查搜索索引…</translation>
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
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>商品描述</translation>
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
        <source>Enter an SKU code.</source>
        <translation>请输入 SKU 编码。</translation>
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
        <source>None of the {count} row(s) can be imported. The first problem: {first} Fix the file and import again; nothing was saved.</source>
        <translation>{count} 行都无法导入。第一个问题：{first} 请改正文件后重新导入，本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>Part of the database could not be read: {detail}</source>
        <translation>数据库有一部分无法读取：{detail}</translation>
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
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
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
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>SKU {sku}: the stock shown is {cached}, but its stock moves add up to {ledger}.</source>
        <translation>SKU {sku}：显示库存为 {cached}，但出入库记录合计为 {ledger}。</translation>
    </message>
    <message>
        <source>SKU {variant_id} no longer exists. Refresh the catalogue and try again.</source>
        <translation>SKU {variant_id} 已不存在。请刷新商品库后重试。</translation>
    </message>
    <message>
        <source>Saving the products…</source>
        <translation>正在保存商品…</translation>
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
        <source>Size</source>
        <translation>尺码</translation>
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
        <source>StreamDesk cannot tell which text encoding {path} uses. Save it as UTF-8 CSV, or choose the encoding yourself; nothing was saved.</source>
        <translation>StreamDesk 无法判断 {path} 的文字编码。请将它另存为 UTF-8 CSV，或手动选择编码；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>StreamDesk could not write {path}. Check that the folder exists and that you may write there; no file was changed.</source>
        <translation>StreamDesk 无法写入 {path}。请确认文件夹存在且有写入权限；没有改动任何文件。</translation>
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
        <source>The SKU code {sku} is already used by another SKU. Choose a different code.</source>
        <translation>SKU 编码 {sku} 已被其他 SKU 使用。请换一个编码。</translation>
    </message>
    <message>
        <source>The catalogue changed after the preview was made. Preview the import again; nothing was saved.</source>
        <translation>生成预览后商品库已有变动。请重新预览导入；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The column mapping names a field “{field}” that does not exist. The fields are: {fields}.</source>
        <translation>列对应设置中的字段“{field}”不存在。可用字段：{fields}。</translation>
    </message>
    <message>
        <source>The column mapping points at “{column}”, but the file has no column with that header.</source>
        <translation>列对应设置指向“{column}”，但文件中没有这个表头的列。</translation>
    </message>
    <message>
        <source>The column mapping {path} is not a JSON object of field names and column headers, such as “title”: “商品名称”. Fix it and try again; nothing was saved.</source>
        <translation>列对应文件 {path} 不是“字段名: 表头”形式的 JSON 对象（例如 “title”: “商品名称”）。请改正后重试；本次没有保存任何数据。</translation>
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
        <source>The file has no SKU column (such as 商家编码, 货号 or SKU). Choose which column holds the SKU codes and import again; nothing was saved.</source>
        <translation>文件中没有 SKU 列（例如 商家编码、货号 或 SKU）。请指定存放 SKU 编码的列后重新导入；本次没有保存任何数据。</translation>
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
        <source>The file {path} does not exist. Check the name and try again; nothing was saved.</source>
        <translation>文件 {path} 不存在。请检查文件名后重试；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>The live price of {sku} cannot be negative; nothing was changed.</source>
        <translation>{sku} 的直播价不能为负数，没有做任何修改。</translation>
    </message>
    <message>
        <source>The low-stock threshold cannot be negative.</source>
        <translation>低库存阈值不能为负数。</translation>
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
        <source>The price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>The product was not saved: {count} field(s) need fixing. Correct the marked fields and save again.</source>
        <translation>商品未保存：有 {count} 个字段需要修改。请改正标出的字段后再保存。</translation>
    </message>
    <message>
        <source>The search index does not match the products, so search may miss some SKUs.</source>
        <translation>搜索索引与商品不一致，搜索可能会漏掉部分 SKU。</translation>
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
        <source>The starting stock cannot be negative.</source>
        <translation>初始库存不能为负数。</translation>
    </message>
    <message>
        <source>The workbook has no sheet called “{sheet}”. Its sheets are: {sheets}.</source>
        <translation>工作簿中没有名为“{sheet}”的工作表。现有工作表：{sheets}。</translation>
    </message>
    <message>
        <source>There is no StreamDesk database at {path} yet. Check the file name or the --db option.</source>
        <translation>{path} 还没有 StreamDesk 数据库。请检查文件名或 --db 参数。</translation>
    </message>
    <message>
        <source>There is no file {path}. Check the name; the database was not changed.</source>
        <translation>文件 {path} 不存在。请检查文件名；数据库没有改动。</translation>
    </message>
    <message>
        <source>There is no segment {number}.</source>
        <translation>没有第 {number} 个环节。</translation>
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
        <source>This product already has stock history or is part of a bundle, so it cannot be deleted. Archive it instead.</source>
        <translation>此商品已有库存记录或属于某个套装，不能删除。请改为归档。</translation>
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
        <source>Title</source>
        <translation>商品名称</translation>
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
        <source>the SKU is empty.</source>
        <translation>SKU 为空。</translation>
    </message>
    <message>
        <source>the SKU ‘{sku}’ already appears on row {first_row}, so this row was skipped.</source>
        <translation>SKU‘{sku}’已在第 {first_row} 行出现，本行已跳过。</translation>
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
        <source>the live price ‘{value}’ is negative.</source>
        <translation>直播价‘{value}’是负数。</translation>
    </message>
    <message>
        <source>the live price ‘{value}’ is not a number.</source>
        <translation>直播价‘{value}’不是数字。</translation>
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
        <source>{path} already exists. Choose a new file name for the demo shop; nothing was changed.</source>
        <translation>{path} 已存在。请为演示店铺换一个新文件名；没有做任何更改。</translation>
    </message>
    <message>
        <source>{path} contains {count} damaged character(s) (shown as �): some text was already lost when the file was saved. Export it again as UTF-8 and import the new file; nothing was saved.</source>
        <translation>{path} 含有 {count} 个损坏的字符（显示为 �）：保存文件时已有文字丢失。请重新导出为 UTF-8 后导入新文件；本次没有保存任何数据。</translation>
    </message>
    <message>
        <source>{path} has a header row but no product rows; nothing was saved.</source>
        <translation>{path} 只有表头，没有商品行；本次没有保存任何数据。</translation>
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
        <source>{path} is damaged (it failed its integrity check), so it was not restored. The database was not changed.</source>
        <translation>{path} 已损坏（未通过完整性检查），因此没有恢复。数据库没有改动。</translation>
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
        <source>{path} is not a picture StreamDesk can read, or the file is damaged.</source>
        <translation>{path} 不是 StreamDesk 能读取的图片，或文件已损坏。</translation>
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
        <source>{target} is a server database; back it up and check it with the server&apos;s own tools (for PostgreSQL: pg_dump).</source>
        <translation>{target} 是服务器数据库，请用服务器自带的工具备份和检查（PostgreSQL 用 pg_dump）。</translation>
    </message>
    <message>
        <source>‘{sku}’ is a bundle whose stock comes from its components, so leave its stock cell empty.</source>
        <translation>‘{sku}’是组合商品，库存由组件决定，请将库存单元格留空。</translation>
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
        <source>‘{value}’ in column “{column}” is not a whole number.</source>
        <translation>“{column}”列中的‘{value}’不是整数。</translation>
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
        <source>“{currency}” is not a currency code. Use three capital letters, such as CNY or USD.</source>
        <translation>“{currency}”不是货币代码。请使用三个大写字母，例如 CNY 或 USD。</translation>
    </message>
    <message>
        <source>“{encoding}” is not a text encoding StreamDesk knows. Try UTF-8 or GB18030.</source>
        <translation>StreamDesk 不认识文字编码“{encoding}”。请试试 UTF-8 或 GB18030。</translation>
    </message>
    <message>
        <source>“{file}” is not a picture file name from the images folder.</source>
        <translation>“{file}”不是图片文件夹中的图片文件名。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount of money.</source>
        <translation>“{value}”不是有效的金额。</translation>
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
        <source>StreamDesk is already open on {database}; its window was brought to the front.</source>
        <translation>StreamDesk 已经打开了 {database}，已将它的窗口切换到最前面。</translation>
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
