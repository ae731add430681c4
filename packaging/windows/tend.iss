; Tend's Windows installer: for the person installing it, with no administrator
; rights needed. packaging/build.py compiles it on Windows after building the bundle:
;
;   iscc /DAppVersion=0.1.0 /DAppId=org.tendjournal.Tend /DSourceDir=<bundle folder>
;        /DIconFile=<tend.ico> /O<output folder> /F<file name> packaging\windows\tend.iss
;
; It installs the bundle into %LOCALAPPDATA%\Programs\Tend and puts Tend in the Start
; menu, started by tendw.exe (no console window); tend.exe beside it is the command
; line. The journal lives elsewhere (%LOCALAPPDATA%\Tend): installing, updating and
; uninstalling never touch it.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (the x64compatible architecture)
#endif
#ifndef AppVersion
  #error AppVersion is not defined: build with packaging/build.py
#endif
#ifndef AppId
  #error AppId is not defined: build with packaging/build.py
#endif
#ifndef SourceDir
  #error SourceDir (the bundle folder) is not defined: build with packaging/build.py
#endif
#ifndef IconFile
  #error IconFile (tend.ico) is not defined: build with packaging/build.py
#endif

[Setup]
; The application id, as on Linux and macOS: Windows keeps the uninstall entry under it.
AppId={#AppId}
AppName=Tend
AppVersion={#AppVersion}
AppVerName=Tend {#AppVersion}
AppPublisher=Tend's authors
AppPublisherURL=https://tendjournal.org/
; Per person: {autopf} and {autoprograms} are the person's own folders in this mode.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Tend
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and newer.
MinVersion=10.0
OutputBaseFilename=tend-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\tendw.exe
UninstallDisplayName=Tend
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundle's library folder whole, so that nothing an older Tend
; shipped lingers beside the new one. Only the program's own folder, never the journal.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Tend"; Filename: "{app}\tendw.exe"
Name: "{autodesktop}\Tend"; Filename: "{app}\tendw.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\tendw.exe"; Description: "{cm:LaunchProgram,Tend}"; Flags: nowait postinstall skipifsilent
