; Inno Setup 6 script: installs the one-folder bundle dist\streamdesk\ (built by PyInstaller from
; installer\streamdesk.spec on Windows) per user or for all users, with a Start-menu entry, an optional desktop
; icon and a file association for .streamdesk backups. Uninstalling keeps the data folder
; (%LOCALAPPDATA%\StreamDesk) unless the user ticks the box on the uninstaller's last question.
; Build: iscc /DAppVersion=0.1.0 installer\windows\streamdesk.iss   (output: dist\StreamDesk-<version>-setup.exe)

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "StreamDesk"
#define AppExe "streamdesk-gui.exe"

[Setup]
AppId={{6E0C5B4A-3F7B-4C61-9A8E-2B1D5F7C9E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=StreamDesk developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=StreamDesk-{#AppVersion}-setup
SetupIconFile=installer\windows\streamdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
en.DesktopIcon=Create a &desktop icon
zh_CN.DesktopIcon=创建桌面快捷方式(&D)
en.DemoEntry=StreamDesk (demo data)
zh_CN.DemoEntry=StreamDesk（演示数据）
en.BackupType=StreamDesk backup
zh_CN.BackupType=StreamDesk 备份
en.RemoveData=Also delete your StreamDesk data (products, shows, orders, backups) in%n%1?%n%nChoose No to keep it for a later install.
zh_CN.RemoveData=同时删除 StreamDesk 数据（商品、直播、订单、备份）？%n%1%n%n选择“否”可保留数据供以后重新安装使用。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "dist\streamdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:DemoEntry}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .streamdesk backups open in StreamDesk, which offers to restore the backup or to open a copy of it (--open-backup)
Root: HKA; Subkey: "Software\Classes\.streamdesk"; ValueType: string; ValueName: ""; ValueData: "StreamDesk.Backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\StreamDesk.Backup"; ValueType: string; ValueName: ""; ValueData: "{cm:BackupType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\StreamDesk.Backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\StreamDesk.Backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open-backup ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\StreamDesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { User data stays unless asked: a silent uninstall never deletes it. }
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) and not UninstallSilent() then
    if MsgBox(FmtMessage(CustomMessage('RemoveData'), [DataFolder()]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(DataFolder(), True, True, True);
end;
