; Inno Setup 6 script: per-machine installer of the spie-desktop bundle for Windows.
;
; Build on the Windows build machine (see README.md beside this file), from the repo root:
;   py -m installer.build --territory 12 --server https://spie.aveyron.fr --ca territory-ca.pem
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 /DTerritory=12 installer\windows\spie-desktop.iss
; Output: dist\spie-desktop-<version>[-t<territory>]-windows-x64-setup.exe
;
; Silent install with a deployment tool (SCCM, GPO, PDQ, Intune Win32 app):
;   spie-desktop-0.1.0-t12-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /SP- /LOG="C:\Windows\Temp\spie-setup.log"
; Silent uninstall:
;   "C:\Program Files\SPIE\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Check after install (exit code 0 = all good):
;   "C:\Program Files\SPIE\spie-desktop-console.exe" --self-check

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Territory
  #define Territory ""
#endif
#if Territory == ""
  #define OutputTag ""
#else
  #define OutputTag "-t" + Territory
#endif
#define BundleDir "..\..\dist\spie-desktop"

[Setup]
; Keep AppId for every version and territory: upgrades then replace the previous install.
AppId={{6F1D2C8A-3B47-4E59-9C1E-5A0B7D2E4F11}
AppName=SPIE
AppVersion={#AppVersion}
AppVerName=SPIE {#AppVersion}
AppPublisher=Service public de l'insertion et de l'emploi
DefaultDirName={autopf}\SPIE
DefaultGroupName=SPIE
DisableProgramGroupPage=yes
DisableDirPage=auto
; Per-machine install: needs administrator rights, installs under Program Files, where
; counsellors cannot edit files (provisioning.json included).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=spie-desktop-{#AppVersion}{#OutputTag}-windows-x64-setup
SetupIconFile=..\..\spie_desktop\resources\icons\spie-desktop.ico
UninstallDisplayIcon={app}\spie-desktop.exe
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
; The whole PyInstaller bundle; provisioning.json (if the build was provisioned) sits
; beside spie-desktop.exe, where the application looks for it.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; An upgrade to an unprovisioned build must not keep an old provisioning file.
[InstallDelete]
Type: files; Name: "{app}\provisioning.json"

[Icons]
Name: "{autoprograms}\SPIE"; Filename: "{app}\spie-desktop.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\SPIE"; Filename: "{app}\spie-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\spie-desktop.exe"; Description: "{cm:LaunchProgram,SPIE}"; Flags: nowait postinstall skipifsilent
