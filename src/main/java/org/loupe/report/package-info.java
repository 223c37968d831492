/**
 * What a person reads: plots (XChart, rendered headless to PNG) and, with the validation issue,
 * the HTML/JSON report. Takes results, never files of simulations.
 */
package org.loupe.report;
