//! File ▸ Export… and File ▸ Print… driven headless through AccessKit, as a user would.
//! The native save dialog cannot be driven, so the app is told where to save.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_gui::MeetPackApp;

fn harness(app: MeetPackApp) -> Harness<'static, MeetPackApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app)
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("meetpack-export-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

#[test]
fn export_dialog_saves_the_whole_pack_as_html() {
    let target = scratch("pack.html");
    let mut app = MeetPackApp::with_sample();
    app.set_export_target(target.clone());
    let mut h = harness(app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert!(h.state().is_export_open());
    h.get_by_label("The whole pack").click();
    h.run();
    h.get_by_label("HTML").click();
    h.run();
    h.get_by_label("Save…").click();
    h.run();
    assert!(!h.state().is_export_open(), "the dialog closes");
    let html = std::fs::read_to_string(&target).expect("the export was written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let pack = h.state().pack().expect("a pack");
    for doc in &pack.documents {
        let escaped = doc.title.replace('&', "&amp;").replace('\'', "&#39;");
        assert!(html.contains(&escaped), "{} is in the export", doc.title);
    }
    let message = h.state().message().expect("a notice");
    assert!(!message.is_error, "{}", message.text);
    assert!(
        message.text.contains("Exported the whole pack"),
        "{}",
        message.text
    );
    let _ = std::fs::remove_file(target);
}

#[test]
fn print_writes_a_pdf_of_the_paper_being_read() {
    let target = scratch("unused.pdf");
    let mut app = MeetPackApp::with_sample();
    app.set_export_target(target);
    let mut h = harness(app);
    h.run();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    // Ctrl+P, as File ▸ Print… (whose label carries its shortcut) does.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    assert!(h.state().is_export_open());
    // The dialog opens on the paper being read; its button prints.
    assert!(
        h.query_by_label("HTML").is_none(),
        "printing is always a PDF"
    );
    h.get_by_label("Print…").click();
    h.run();
    let message = h.state().message().expect("a notice").text.clone();
    let path = message
        .rsplit(": ")
        .next()
        .map(std::path::PathBuf::from)
        .expect("the notice names the file");
    let pdf = std::fs::read(&path).expect("the PDF to print was written");
    let text = meetpack_core::input::load(&pdf).expect("a PDF").text;
    assert!(text.contains("Family Valued Programme"), "{text}");
    // The print file is private to the user and goes when the viewer closes.
    let folder = path.parent().expect("a folder").to_path_buf();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", folder.display());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
    drop(h);
    assert!(!folder.exists(), "{} is left behind", folder.display());
}
