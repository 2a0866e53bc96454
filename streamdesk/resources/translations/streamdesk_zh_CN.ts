<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>cli</name>
    <message>
        <source>Interrupted; nothing was saved.</source>
        <translation>已中断，没有保存任何内容。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; details are in {log}.</source>
        <translation>发生了意外错误，详细信息见 {log}。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第 {row} 行：{message}</translation>
    </message>
    <message>
        <source>The copy of {path} failed its integrity check; nothing was replaced.</source>
        <translation>{path} 的副本未通过完整性检查，没有替换任何文件。</translation>
    </message>
    <message>
        <source>The database check found {count} problem(s).</source>
        <translation>数据库检查发现 {count} 个问题。</translation>
    </message>
    <message>
        <source>The database has {count} broken links between records after the upgrade. Restore a backup or run “streamdesk check” for details.</source>
        <translation>升级后数据库中有 {count} 处记录之间的关联已损坏。请恢复备份，或运行“streamdesk check”查看详情。</translation>
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
        <source>{path} is not a StreamDesk database. Choose another file; this one was not changed.</source>
        <translation>{path} 不是 StreamDesk 数据库。请选择其他文件；此文件未被改动。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount of money.</source>
        <translation>“{value}”不是有效的金额。</translation>
    </message>
</context>
</TS>
