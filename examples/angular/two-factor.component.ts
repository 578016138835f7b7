/**
 * Angular: custom elements need `CUSTOM_ELEMENTS_SCHEMA`. Angular does not type-check bindings to
 * custom elements in templates, so the typed parts are in the class: the element (`ElementRef<TwofaEnroll>`,
 * from the kit's `HTMLElementTagNameMap`) and the events (`TwofaCompleteEvent`, …).
 */
import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, EventEmitter, Input, Output, ViewChild } from '@angular/core';
import type { AfterViewInit } from '@angular/core';
import 'twofa-enroll';
import { HttpAdapter } from 'twofa-enroll/adapter/http';
import type { TwofaCompleteEvent, TwofaEnroll, TwofaErrorEvent } from 'twofa-enroll';

@Component({
  selector: 'app-two-factor-setup',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <twofa-enroll #wizard [adapter]="adapter" require-password sms="optional" lang="nb" (twofa-complete)="onComplete($event)" (twofa-error)="onError($event)">
      <a href="/settings">Back to settings</a>
    </twofa-enroll>
  `,
})
export class TwoFactorSetupComponent implements AfterViewInit {
  @Input() csrfToken = '';
  @Output() done = new EventEmitter<string[]>();
  @ViewChild('wizard') wizard!: ElementRef<TwofaEnroll>;

  readonly adapter = new HttpAdapter({ endpoint: '/api/2fa', headers: () => ({ 'X-CSRF-Token': this.csrfToken }) });

  ngAfterViewInit(): void {
    // The element is typed: its properties and its events.
    this.wizard.nativeElement.steps = ['info', 'qr', 'confirm', 'emergency', 'done'];
    this.wizard.nativeElement.addEventListener('twofa-step-change', (event) => console.info(event.detail.to));
  }

  onComplete(event: TwofaCompleteEvent): void {
    this.done.emit(event.detail.methods);
  }

  onError(event: TwofaErrorEvent): void {
    console.warn(event.detail.code);
  }

  mistakes(): void {
    // @ts-expect-error: "sometimes" is not an SMS policy
    this.wizard.nativeElement.sms = 'sometimes';
    // @ts-expect-error: the step-change event's detail has no `methods`
    this.wizard.nativeElement.addEventListener('twofa-step-change', (event) => event.detail.methods);
  }
}
