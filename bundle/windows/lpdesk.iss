; Inno Setup script for lpdesk's Windows installer. Build the bundle first
; (python bundle\build.py), then: iscc bundle\windows\lpdesk.iss
; It installs bundle\out\dist\lpdesk\ for the current user (no administrator rights needed;
; an administrator may choose "all users"), adds a Start menu entry, and registers .lpdesk
; files to open in lpdesk on a double-click (a file opened while lpdesk runs goes to the
; open window). The installer lands in bundle\out\.
; Phones: an inbound Windows Firewall rule lets phones on PRIVATE networks reach lpdesk's
; phones' server (never public networks), added at install and removed at uninstall, so
; the first-run firewall prompt cannot be dismissed into a dead feature. Changing the
; firewall needs an administrator: an all-users install runs netsh directly, a per-user
; install asks for approval once (the "firewall" task, on by default).

#define AppName "lpdesk"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Dist "..\out\dist\lpdesk"
; single-quoted ISPP strings keep the doubled quotes Inno needs inside Parameters: "..."
#define NetshAdd 'advfirewall firewall add rule name=""lpdesk (phones)"" dir=in action=allow program=""{app}\lpdesk.exe"" enable=yes profile=private protocol=TCP'
#define NetshDelete 'advfirewall firewall delete rule name=""lpdesk (phones)"" program=""{app}\lpdesk.exe""'

[Setup]
AppId={{6F0B1C52-3D4E-4A7B-9C21-8E5D2A7F4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=lpdesk
DefaultDirName={autopf}\lpdesk
DefaultGroupName=lpdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\out
OutputBaseFilename=lpdesk-{#AppVersion}-windows-setup
SetupIconFile=..\out\icons\lpdesk.ico
UninstallDisplayIcon={app}\lpdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "firewall"; Description: "Let phones on private networks (Wi-Fi at work, a hotspot) reach lpdesk (Windows Firewall; asks for administrator approval)"; GroupDescription: "Phones:"

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\lpdesk"; Filename: "{app}\lpdesk.exe"; Comment: "Run live, offline workshops on workplace learning culture"
Name: "{autodesktop}\lpdesk"; Filename: "{app}\lpdesk.exe"; Tasks: desktopicon

[Registry]
; The .lpdesk file type (per user, or for all users when installed by an administrator).
Root: HKA; Subkey: "Software\Classes\.lpdesk"; ValueType: string; ValueName: ""; ValueData: "lpdesk.session"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.lpdesk"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-lpdesk"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.lpdesk\OpenWithProgids"; ValueType: string; ValueName: "lpdesk.session"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\lpdesk.session"; ValueType: string; ValueName: ""; ValueData: "lpdesk session"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\lpdesk.session\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\lpdesk.exe,0"
Root: HKA; Subkey: "Software\Classes\lpdesk.session\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\lpdesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\lpdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".lpdesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
; the firewall rule: an old one of the same name goes first (reinstall, upgrade, moved folder)
Filename: "{sys}\netsh.exe"; Parameters: "{#NetshDelete}"; Flags: runhidden waituntilterminated; Tasks: firewall; Check: IsAdminInstallMode
Filename: "{sys}\netsh.exe"; Parameters: "{#NetshAdd}"; Flags: runhidden waituntilterminated; StatusMsg: "Letting phones on private networks reach lpdesk..."; Tasks: firewall; Check: IsAdminInstallMode
Filename: "{sys}\cmd.exe"; Parameters: "/c ""{sys}\netsh.exe {#NetshDelete} & {sys}\netsh.exe {#NetshAdd}"""; Verb: "runas"; Flags: shellexec runhidden waituntilterminated; StatusMsg: "Letting phones on private networks reach lpdesk..."; Tasks: firewall; Check: not IsAdminInstallMode
Filename: "{app}\lpdesk.exe"; Description: "{cm:LaunchProgram,lpdesk}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; the firewall rule goes with the app (no trace left open)
Filename: "{sys}\netsh.exe"; Parameters: "{#NetshDelete}"; Flags: runhidden waituntilterminated; RunOnceId: "lpdeskFirewall"; Check: IsAdminInstallMode
Filename: "{sys}\netsh.exe"; Parameters: "{#NetshDelete}"; Verb: "runas"; Flags: shellexec runhidden waituntilterminated; RunOnceId: "lpdeskFirewallUser"; Check: not IsAdminInstallMode
