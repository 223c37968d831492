/**
 * The command line: one picocli subcommand per pipeline step. The only package that imports
 * picocli; it maps {@link org.loupe.LoupeException}s to one clear line and an exit code.
 */
package org.loupe.cli;
