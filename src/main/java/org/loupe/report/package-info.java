/**
 * What a person reads: plots (XChart, rendered headless to PNG) and the validation report
 * (HTML, JSON, CSV). Takes results and streams of particles ({@link org.loupe.report.BoxSource},
 * read pass by pass so that a box larger than memory can be judged), never files of simulations.
 */
package org.loupe.report;
