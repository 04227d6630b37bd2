; MeetPack's Windows installer: MeetPack-Setup-<version>.exe, built on Linux or Windows with
; NSIS 3 (makensis). .ci/windows builds it on every change and installs and uninstalls it
; under Wine:
;   makensis -DVERSION=0.1.0 -DEXE=/abs/path/meetpack.exe -DOUTDIR=/abs/out packaging/windows/meetpack.nsi
; (EXE defaults to the release build, target/x86_64-pc-windows-gnu/release/meetpack.exe).
;
; Per user, no administrator rights: councillors' laptops are managed and most users
; cannot elevate. Everything goes under the user's own profile and HKCU:
;   files      $LOCALAPPDATA\Programs\MeetPack (meetpack.exe, meetpack.ico, uninstall.exe)
;   Start menu $SMPROGRAMS\MeetPack.lnk (the user's own Start menu)
;   "Open with" for .pdf, .txt, .md: a ProgID (MeetPack.Pack) listed in each extension's
;              OpenWithProgids, and Applications\meetpack.exe with its SupportedTypes.
;              The extensions' default value (the default program) is never written: the
;              councillor's PDF viewer stays their PDF viewer.
;   Apps & features entry (HKCU ...\Uninstall\MeetPack), so Windows can uninstall it.
; The uninstaller removes exactly those; the user's settings, notes and library index
; (in %APPDATA%\meetpack and %LOCALAPPDATA%\meetpack, docs/install.md) are kept.

; A 64-bit installer for a 64-bit program (NSIS 3's amd64 stubs; Unicode is implied). It
; also runs under a 64-bit-only Wine, which cannot start NSIS's default 32-bit stub.
Target amd64-unicode
!ifndef VERSION
  !error "pass the version: makensis -DVERSION=x.y.z (the workspace version in Cargo.toml)"
!endif
!ifndef EXE
  !define EXE "..\..\target\x86_64-pc-windows-gnu\release\meetpack.exe"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif
; The release installer is compressed with solid LZMA (smallest download). CI passes
; -DCOMPRESSOR=none: LZMA took 87 s and zlib 25 s for the 155 MB (stripped) debug exe it packs.
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif

!define PROGID "MeetPack.Pack"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MeetPack"
!define CLASSES "Software\Classes"

Name "MeetPack ${VERSION}"
OutFile "${OUTDIR}\MeetPack-Setup-${VERSION}.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\MeetPack"
Icon "meetpack.ico"
UninstallIcon "meetpack.ico"
!if "${COMPRESSOR}" == "none"
  SetCompress off
!else
  SetCompressor ${COMPRESSOR}
!endif
ShowInstDetails show

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

!macro OpenWith EXT
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\meetpack.exe\SupportedTypes" "${EXT}" ""
!macroend

!macro NoLongerOpenWith EXT
  DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}"
  ; Only keys this installer may have created, and only when nothing else is left in them.
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
!macroend

Section "MeetPack"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=meetpack.exe" "${EXE}"
  File "meetpack.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\MeetPack.lnk" "$INSTDIR\meetpack.exe" "" "$INSTDIR\meetpack.ico" 0

  ; The ProgID "Open with" lists: Explorer runs `meetpack.exe FILE`, which hands FILE to
  ; the window already open (docs/install.md, "One window").
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "Meeting pack"
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "FriendlyTypeName" "Meeting pack"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\meetpack.ico"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\meetpack.exe" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\meetpack.exe" "FriendlyAppName" "MeetPack"
  WriteRegStr HKCU "${CLASSES}\Applications\meetpack.exe\DefaultIcon" "" "$INSTDIR\meetpack.ico"
  WriteRegStr HKCU "${CLASSES}\Applications\meetpack.exe\shell\open\command" "" '"$INSTDIR\meetpack.exe" "%1"'
  !insertmacro OpenWith ".pdf"
  !insertmacro OpenWith ".txt"
  !insertmacro OpenWith ".md"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "MeetPack"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "MeetPack developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\meetpack.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED), so "Open with" shows
  ; MeetPack without a sign-out.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\MeetPack.lnk"
  Delete "$INSTDIR\meetpack.exe"
  Delete "$INSTDIR\meetpack.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  !insertmacro NoLongerOpenWith ".pdf"
  !insertmacro NoLongerOpenWith ".txt"
  !insertmacro NoLongerOpenWith ".md"
  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\meetpack.exe"
  DeleteRegKey /ifempty HKCU "${CLASSES}\Applications"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
