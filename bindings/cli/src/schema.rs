//! `akscompute schema SHAPE`: prints the JSON Schema the core derives from its one definition of
//! the shape, for editors (`"$schema"` in a configuration file) and other tools.
use crate::Failure;
use akscompute::schema::{json_schema_text, Shape};
use clap::ValueEnum;
use std::io::Write as _;

/// The shapes, as the command line names them.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ShapeArg {
    Create,
    Attach,
    Update,
    Detach,
    Context,
}

impl From<ShapeArg> for Shape {
    fn from(s: ShapeArg) -> Self {
        match s {
            ShapeArg::Create => Shape::Create,
            ShapeArg::Attach => Shape::Attach,
            ShapeArg::Update => Shape::Update,
            ShapeArg::Detach => Shape::Detach,
            ShapeArg::Context => Shape::Context,
        }
    }
}

/// Prints the schema, pretty, as the files in `schemas/` hold it.
pub(crate) fn run(shape: ShapeArg) -> Result<(), Failure> {
    // A closed pipe (`akscompute schema create | head`) ends the output quietly.
    let _ = std::io::stdout().lock().write_all(json_schema_text(shape.into()).as_bytes());
    Ok(())
}
