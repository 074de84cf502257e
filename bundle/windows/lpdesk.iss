; Inno Setup script for lpdesk's Windows installer. Build the bundle first
; (python bundle\build.py), then: iscc bundle\windows\lpdesk.iss
; It installs bundle\out\dist\lpdesk\ for the current user (no administrator rights needed;
; an administrator may choose "all users"), adds a Start menu entry, and registers .lpdesk
; files to open in lpdesk on a double-click (a file opened while lpdesk runs goes to the
; open window). The installer lands in bundle\out\.

#define AppName "lpdesk"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Dist "..\out\dist\lpdesk"

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
Filename: "{app}\lpdesk.exe"; Description: "{cm:LaunchProgram,lpdesk}"; Flags: nowait postinstall skipifsilent
