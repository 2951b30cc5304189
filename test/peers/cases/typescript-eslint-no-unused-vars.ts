// typescript-eslint/typescript-eslint packages/eslint-plugin/tests/rules/no-unused-vars/no-unused-vars.test.ts at 56c9ed90d0aee0b5a71cfc39fc76b715b82e3ea8 (MIT licence)
// The peer's test cases, taken as data (code, options, expected findings' line, name and message id).
// Generated from the peer's test file by loading it with a recording RuleTester; do not edit by hand.
import type { PeerCase } from '../harness.js';

export const CASES: readonly PeerCase[] = [
  {
    kind: 'valid',
    code: "\nimport { ClassDecoratorFactory } from 'decorators';\n@ClassDecoratorFactory()\nexport class Foo {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { ClassDecorator } from 'decorators';\n@ClassDecorator\nexport class Foo {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { AccessorDecoratorFactory } from 'decorators';\nexport class Foo {\n  @AccessorDecoratorFactory(true)\n  get bar() {}\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { AccessorDecorator } from 'decorators';\nexport class Foo {\n  @AccessorDecorator\n  set bar() {}\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { MethodDecoratorFactory } from 'decorators';\nexport class Foo {\n  @MethodDecoratorFactory(false)\n  bar() {}\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { MethodDecorator } from 'decorators';\nexport class Foo {\n  @MethodDecorator\n  static bar() {}\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { ConstructorParameterDecoratorFactory } from 'decorators';\nexport class Service {\n  constructor(\n    @ConstructorParameterDecoratorFactory(APP_CONFIG) config: AppConfig,\n  ) {\n    this.title = config.title;\n  }\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { ConstructorParameterDecorator } from 'decorators';\nexport class Foo {\n  constructor(@ConstructorParameterDecorator bar) {\n    this.bar = bar;\n  }\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { ParameterDecoratorFactory } from 'decorators';\nexport class Qux {\n  bar(@ParameterDecoratorFactory(true) baz: number) {\n    console.log(baz);\n  }\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { ParameterDecorator } from 'decorators';\nexport class Foo {\n  static greet(@ParameterDecorator name: string) {\n    return name;\n  }\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Input, Output, EventEmitter } from 'decorators';\nexport class SomeComponent {\n  @Input() data;\n  @Output()\n  click = new EventEmitter();\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { configurable } from 'decorators';\nexport class A {\n  @configurable(true) static prop1;\n\n  @configurable(false)\n  static prop2;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { foo, bar } from 'decorators';\nexport class B {\n  @foo x;\n\n  @bar\n  y;\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\ninterface Base {}\nclass Thing implements Base {}\nnew Thing();\n    ',
  },
  {
    kind: 'valid',
    code: '\ninterface Base {}\nconst a: Base = {};\nconsole.log(a);\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from 'foo';\nfunction bar<T>(): T {}\nbar<Foo>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from 'foo';\nconst bar = function <T>(): T {};\nbar<Foo>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from 'foo';\nconst bar = <T,>(): T => {};\nbar<Foo>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from 'foo';\n<Foo>(<T,>(): T => {})();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Nullable<string> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nconst a: Nullable<SomeOther> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Nullable | undefined = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Nullable & undefined = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nconst a: Nullable<SomeOther[]> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nconst a: Nullable<Array<SomeOther>> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Array<Nullable> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Nullable[] = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Array<Nullable[]> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: Array<Array<Nullable>> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nconst a: Array<Nullable<SomeOther>> = 'hello';\nconsole.log(a);\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Component } from 'react';\nclass Foo implements Component<Nullable> {}\n\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Component } from 'react';\nclass Foo extends Component<Nullable, {}> {}\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Component } from 'react';\nclass Foo extends Component<Nullable<SomeOther>, {}> {}\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Component } from 'react';\nclass Foo implements Component<Nullable<SomeOther>, {}> {}\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Component, Component2 } from 'react';\nclass Foo implements Component<Nullable<SomeOther>, {}>, Component2 {}\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do = (a: Nullable<Another>) => {\n    console.log(a);\n  };\n}\nnew A();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do(a: Nullable<Another>) {\n    console.log(a);\n  }\n}\nnew A();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do(): Nullable<Another> {\n    return null;\n  }\n}\nnew A();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nexport interface A {\n  do(a: Nullable<Another>);\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nexport interface A {\n  other: Nullable<Another>;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nfunction foo(a: Nullable) {\n  console.log(a);\n}\nfoo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nfunction foo(): Nullable {\n  return null;\n}\nfoo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nclass A extends Nullable<SomeOther> {\n  other: Nullable<Another>;\n}\nnew A();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Another } from 'some';\nclass A extends Nullable<SomeOther> {\n  do(a: Nullable<Another>) {\n    console.log(a);\n  }\n}\nnew A();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Another } from 'some';\nexport interface A extends Nullable<SomeOther> {\n  other: Nullable<Another>;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Another } from 'some';\nexport interface A extends Nullable<SomeOther> {\n  do(a: Nullable<Another>);\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\n\nclass Bar<T extends Foo> {\n  prop: T;\n}\n\nnew Bar<number>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo, Bar } from './types';\n\nclass Baz<T extends Foo & Bar> {\n  prop: T;\n}\n\nnew Baz<any>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\n\nclass Bar<T = Foo> {\n  prop: T;\n}\n\nnew Bar<number>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\n\nclass Foo<T = any> {\n  prop: T;\n}\n\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\n\nclass Foo<T = {}> {\n  prop: T;\n}\n\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\n\nclass Foo<T extends {} = {}> {\n  prop: T;\n}\n\nnew Foo();\n    ",
  },
  {
    kind: 'valid',
    code: "\ntype Foo = 'a' | 'b' | 'c';\ntype Bar = number;\n\nexport const map: { [name in Foo]: Bar } = {\n  a: 1,\n  b: 2,\n  c: 3,\n};\n    ",
  },
  {
    kind: 'valid',
    code: "\ntype Foo = 'a' | 'b' | 'c';\ntype Bar = number;\n\nexport const map: { [name in Foo as string]: Bar } = {\n  a: 1,\n  b: 2,\n  c: 3,\n};\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nclass A<T> {\n  bar: T;\n}\nnew A<Nullable>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nfunction foo<T extends Nullable>(): T {}\nfoo<SomeOther>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nclass A<T extends Nullable> {\n  bar: T;\n}\nnew A<SomeOther>();\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\ninterface A<T extends Nullable> {\n  bar: T;\n}\nexport const a: A<SomeOther> = {\n  foo: 'bar',\n};\n    ",
  },
  {
    kind: 'valid',
    code: '\nexport class App {\n  constructor(private logger: Logger) {\n    console.log(this.logger);\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport class App {\n  constructor(bar: string);\n  constructor(private logger: Logger) {\n    console.log(this.logger);\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport class App {\n  constructor(\n    baz: string,\n    private logger: Logger,\n  ) {\n    console.log(baz);\n    console.log(this.logger);\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport class App {\n  constructor(\n    baz: string,\n    private logger: Logger,\n    private bar: () => void,\n  ) {\n    console.log(this.logger);\n    this.bar();\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport class App {\n  constructor(private logger: Logger) {}\n  meth() {\n    console.log(this.logger);\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { Component, Vue } from 'vue-property-decorator';\nimport HelloWorld from './components/HelloWorld.vue';\n\n@Component({\n  components: {\n    HelloWorld,\n  },\n})\nexport default class App extends Vue {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport firebase, { User } from 'firebase/app';\n// initialize firebase project\nfirebase.initializeApp({});\nexport function authenticated(cb: (user: User | null) => void): void {\n  firebase.auth().onAuthStateChanged(user => cb(user));\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './types';\nexport class Bar<T extends Foo> {\n  prop: T;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport webpack from 'webpack';\nexport default function webpackLoader(this: webpack.loader.LoaderContext) {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport execa, { Options as ExecaOptions } from 'execa';\nexport function foo(options: ExecaOptions): execa {\n  options();\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Foo, Bar } from './types';\nexport class Baz<F = Foo & Bar> {\n  prop: F;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\n// warning 'B' is defined but never used\nexport const a: Array<{ b: B }> = [];\n    ",
  },
  {
    kind: 'valid',
    code: "\nexport enum FormFieldIds {\n  PHONE = 'phone',\n  EMAIL = 'email',\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nenum FormFieldIds {\n  PHONE = 'phone',\n  EMAIL = 'email',\n}\nexport interface IFoo {\n  fieldName: FormFieldIds;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nenum FormFieldIds {\n  PHONE = 'phone',\n  EMAIL = 'email',\n}\nexport interface IFoo {\n  fieldName: FormFieldIds.EMAIL;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport * as fastify from 'fastify';\nimport { Server, IncomingMessage, ServerResponse } from 'http';\nconst server: fastify.FastifyInstance<Server, IncomingMessage, ServerResponse> =\n  fastify({});\nserver.get('/ping');\n    ",
  },
  {
    kind: 'valid',
    code: '\ndeclare namespace Foo {\n  function bar(line: string, index: number | null, tabSize: number): number;\n  var baz: string;\n}\nconsole.log(Foo);\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport foo from 'foo';\nexport interface Bar extends foo.i18n {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport foo from 'foo';\nimport bar from 'foo';\nexport interface Bar extends foo.i18n<bar> {}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { TypeA } from './interface';\nexport const a = <GenericComponent<TypeA> />;\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
      },
    },
  },
  {
    kind: 'valid',
    code: '\nconst text = \'text\';\nexport function Foo() {\n  return (\n    <div>\n      <input type="search" size={30} placeholder={text} />\n    </div>\n  );\n}\n      ',
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
      },
    },
  },
  {
    kind: 'valid',
    code: "\nimport { observable } from 'mobx';\nexport default class ListModalStore {\n  @observable\n  orderList: IObservableArray<BizPurchaseOrderTO> = observable([]);\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Dec, TypeA, Class } from 'test';\nexport default class Foo {\n  constructor(\n    @Dec(Class)\n    private readonly prop: TypeA<Class>,\n  ) {}\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { Dec, TypeA, Class } from 'test';\nexport default class Foo {\n  constructor(\n    @Dec(Class)\n    ...prop: TypeA<Class>\n  ) {\n    prop();\n  }\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\nexport function foo(): void;\nexport function foo(): void;\nexport function foo(): void {}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport function foo(a: number): number;\nexport function foo(a: string): string;\nexport function foo(a: number | string): number | string {\n  return a;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport function foo<T>(a: number): T;\nexport function foo<T>(a: string): T;\nexport function foo<T>(a: number | string): T {\n  return a;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport type T = {\n  new (): T;\n  new (arg: number): T;\n  new <T>(arg: number): T;\n};\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport type T = new () => T;\nexport type T = new (arg: number) => T;\nexport type T = new <T>(arg: number) => T;\n    ',
  },
  {
    kind: 'valid',
    code: '\nenum Foo {\n  a,\n}\nexport type T = {\n  [Foo.a]: 1;\n};\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = string;\nexport class Bar {\n  [x: Foo]: any;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = string;\nexport class Bar {\n  [x: Foo]: Foo;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nnamespace Foo {\n  export const Foo = 1;\n}\n\nexport { Foo };\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  export const item: Foo = 1;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nnamespace foo.bar {\n  export interface User {\n    name: string;\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: "\nexport interface Foo {\n  bar: string;\n  baz: Foo['bar'];\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\nexport type Bar = Array<Bar>;\n    ',
  },
  {
    kind: 'valid',
    code: '\nfunction Foo() {}\n\nnamespace Foo {\n  export const x = 1;\n}\n\nexport { Foo };\n    ',
  },
  {
    kind: 'valid',
    code: '\nclass Foo {}\n\nnamespace Foo {\n  export const x = 1;\n}\n\nexport { Foo };\n    ',
  },
  {
    kind: 'valid',
    code: '\nnamespace Foo {}\n\nconst Foo = 1;\n\nexport { Foo };\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = {\n  error: Error | null;\n};\n\nexport function foo() {\n  return new Promise<Foo>();\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport function foo<T>(value: T): T {\n  return { value };\n}\nexport type Foo<T> = typeof foo<T>;\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport interface Event<T> {\n  (\n    listener: (e: T) => any,\n    thisArgs?: any,\n    disposables?: Disposable[],\n  ): Disposable;\n}\n      ',
    options: [
      {
        args: 'after-used',
        argsIgnorePattern: '^_',
        ignoreRestSiblings: true,
        varsIgnorePattern: '^_$',
      },
    ],
  },
  {
    kind: 'valid',
    code: '\nexport class Test {\n  constructor(@Optional() value: number[] = []) {\n    console.log(value);\n  }\n}\n\nfunction Optional() {\n  return () => {};\n}\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { FooType } from './fileA';\n\nexport abstract class Foo {\n  protected abstract readonly type: FooType;\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\nexport type F<A extends unknown[]> = (...a: A) => unknown;\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { Foo } from './bar';\nexport type F<A extends unknown[]> = (...a: Foo<A>) => unknown;\n    ",
  },
  {
    kind: 'valid',
    code: '\ntype StyledPaymentProps = {\n  isValid: boolean;\n};\n\nexport const StyledPayment = styled.div<StyledPaymentProps>``;\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport type { foo } from './a';\nexport type Bar = typeof foo;\n    ",
  },
  {
    kind: 'valid',
    code: '\ninterface Foo {}\ntype Bar = {};\ndeclare class Clazz {}\ndeclare function func();\ndeclare enum Enum {}\ndeclare namespace Name {}\ndeclare const v1;\ndeclare var v2;\ndeclare let v3;\ndeclare const { v4 };\ndeclare const { v4: v5 };\ndeclare const [v6];\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport type Test<U> = U extends (k: infer I) => void ? I : never;\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport type Test<U> = U extends { [k: string]: infer I } ? I : never;\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport type Test<U> = U extends (arg: {\n  [k: string]: (arg2: infer I) => void;\n}) => void\n  ? I\n  : never;\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport React from 'react';\n\nexport const ComponentFoo: React.FC = () => {\n  return <div>Foo Foo</div>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
      },
    },
  },
  {
    kind: 'valid',
    code: "\nimport { h } from 'some-other-jsx-lib';\n\nexport const ComponentFoo: h.FC = () => {\n  return <div>Foo Foo</div>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
        jsxPragma: 'h',
      },
    },
  },
  {
    kind: 'valid',
    code: "\nimport { Fragment } from 'react';\n\nexport const ComponentFoo: Fragment = () => {\n  return <>Foo Foo</>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
        jsxFragmentName: 'Fragment',
      },
    },
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  type Test = 1;\n}\n    ",
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  type Test = 1;\n  const x: Test = 1;\n  export = x;\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\ndeclare global {\n  interface Foo {}\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\ndeclare global {\n  namespace jest {\n    interface Matchers<R> {\n      toBeSeven: () => R;\n    }\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport declare namespace Foo {\n  namespace Bar {\n    namespace Baz {\n      namespace Bam {\n        const x = 1;\n      }\n    }\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nclass Foo<T> {\n  value: T;\n}\nclass Bar<T> {\n  foo = Foo<T>;\n}\nnew Bar();\n    ',
  },
  {
    kind: 'valid',
    code: '\ndeclare namespace A {\n  export interface A {}\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\ndeclare function A(A: string): string;\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: "\ntype Color = 'red' | 'blue';\ntype Quantity = 'one' | 'two';\nexport type SeussFish = `${Quantity | Color} fish`;\n      ",
  },
  {
    kind: 'valid',
    code: '\ntype VerticalAlignment = "top" | "middle" | "bottom";\ntype HorizontalAlignment = "left" | "center" | "right";\n\nexport declare function setAlignment(value: \\`\\${VerticalAlignment}-\\${HorizontalAlignment}\\`): void;\n      ',
  },
  {
    kind: 'valid',
    code: '\ntype EnthusiasticGreeting<T extends string> = \\`\\${Uppercase<T>} - \\${Lowercase<T>} - \\${Capitalize<T>} - \\${Uncapitalize<T>}\\`;\nexport type HELLO = EnthusiasticGreeting<"heLLo">;\n      ',
  },
  {
    kind: 'valid',
    code: '\ninterface IItem {\n  title: string;\n  url: string;\n  children?: IItem[];\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nnamespace _Foo {\n  export const bar = 1;\n  export const baz = Foo.bar;\n}\n      ',
    options: [
      {
        varsIgnorePattern: '^_',
      },
    ],
  },
  {
    kind: 'valid',
    code: '\ninterface _Foo {\n  a: string;\n  b: Foo;\n}\n      ',
    options: [
      {
        varsIgnorePattern: '^_',
      },
    ],
  },
  {
    kind: 'valid',
    code: '\n/* eslint @rule-tester/collect-unused-vars: "error" */\ndeclare module \'next-auth\' {\n  interface User {\n    id: string;\n    givenName: string;\n    familyName: string;\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { TestGeneric, Test } from 'fake-module';\n\ndeclare function deco(..._param: any): any;\nexport class TestClass {\n  @deco\n  public test(): TestGeneric<Test> {}\n}\n      ",
    languageOptions: {
      parserOptions: {
        project: './tsconfig-withmeta.json',
        projectService: false,
        tsconfigRootDir: '/fixtures',
      },
    },
  },
  {
    kind: 'valid',
    code: '\nfunction foo() {}\n\nexport class Foo {\n  constructor() {\n    foo();\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nfunction foo() {}\n\nexport class Foo {\n  static {}\n\n  constructor() {\n    foo();\n  }\n}\n      ',
  },
  {
    kind: 'valid',
    code: "\ninterface Foo {\n  bar: string;\n}\nexport const Foo = 'bar';\n    ",
  },
  {
    kind: 'valid',
    code: "\nexport const Foo = 'bar';\ninterface Foo {\n  bar: string;\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\nlet foo = 1;\nfoo ??= 2;\n    ',
  },
  {
    kind: 'valid',
    code: '\nlet foo = 1;\nfoo &&= 2;\n    ',
  },
  {
    kind: 'valid',
    code: '\nlet foo = 1;\nfoo ||= 2;\n    ',
  },
  {
    kind: 'valid',
    code: '\nconst foo = 1;\nexport = foo;\n    ',
  },
  {
    kind: 'valid',
    code: '\nconst Foo = 1;\ninterface Foo {\n  bar: string;\n}\nexport = Foo;\n    ',
  },
  {
    kind: 'valid',
    code: '\ninterface Foo {\n  bar: string;\n}\nexport = Foo;\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = 1;\nexport = Foo;\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = 1;\nexport = {} as Foo;\n    ',
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  type Foo = 1;\n  export = Foo;\n}\n    ",
  },
  {
    kind: 'valid',
    code: '\nnamespace Foo {\n  export const foo = 1;\n}\nexport namespace Bar {\n  export import TheFoo = Foo;\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\ntype _Foo = 1;\nexport const x: _Foo = 1;\n      ',
    options: [
      {
        reportUsedIgnorePattern: false,
        varsIgnorePattern: '^_',
      },
    ],
  },
  {
    kind: 'valid',
    code: '\nexport const foo: number = 1;\n\nexport type Foo = typeof foo;\n    ',
  },
  {
    kind: 'valid',
    code: "\nimport { foo } from 'foo';\n\nexport type Foo = typeof foo;\n\nexport const bar = (): Foo => foo;\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { SomeType } from 'foo';\n\nexport const value = 1234 as typeof SomeType;\n    ",
  },
  {
    kind: 'valid',
    code: "\nimport { foo } from 'foo';\n\nexport type Bar = typeof foo;\n    ",
  },
  {
    kind: 'valid',
    code: '\nexport enum Foo {\n  _A,\n}\n      ',
    options: [
      {
        reportUsedIgnorePattern: true,
        varsIgnorePattern: '_',
      },
    ],
  },
  {
    kind: 'valid',
    code: '\nconst command = (): ParameterDecorator => {\n  return () => {};\n};\n\nexport class Foo {\n  bar(@command() command: string) {\n    console.log(command);\n  }\n}\n    ',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  const foo: 1234;\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  const foo: 1234;\n}\n      ",
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nconst foo: 1234;\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  export import Bar = Something.Bar;\n  const foo: 1234;\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  export import Bar = Something.Bar;\n  const foo: 1234;\n}\n      ",
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport import Bar = Something.Bar;\nconst foo: 1234;\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  export import Bar = Something.Bar;\n  const foo: 1234;\n  export const bar: string;\n  export namespace NS {\n    const baz: 1234;\n  }\n}\n      ",
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  export import Bar = Something.Bar;\n  const foo: 1234;\n  export const bar: string;\n  export namespace NS {\n    const baz: 1234;\n  }\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport import Bar = Something.Bar;\nconst foo: 1234;\nexport const bar: string;\nexport namespace NS {\n  const baz: 1234;\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  const foo: 1234;\n  export const bar: string;\n  export namespace NS {\n    const baz: 1234;\n  }\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nexport namespace Foo {\n  type Foo = 1;\n  type Bar = 1;\n\n  export default function foo(): Bar;\n}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: "\ndeclare module 'foo' {\n  type Foo = 1;\n  type Bar = 1;\n\n  export default function foo(): Bar;\n}\n      ",
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\ntype Foo = 1;\ntype Bar = 1;\n\nexport default function foo(): Bar;\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nclass Foo {}\ndeclare class Bar {}\n      ',
    filename: 'foo.d.ts',
  },
  {
    kind: 'valid',
    code: '\nusing resource = getResource();\nresource;\n      ',
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2026,
      },
    },
  },
  {
    kind: 'valid',
    code: '\nusing resource = getResource();\n      ',
    options: [
      {
        ignoreUsingDeclarations: true,
      },
    ],
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2026,
      },
    },
  },
  {
    kind: 'valid',
    code: '\nawait using resource = getResource();\n      ',
    options: [
      {
        ignoreUsingDeclarations: true,
      },
    ],
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2026,
      },
    },
  },
  {
    kind: 'invalid',
    code: "\nimport { ClassDecoratorFactory } from 'decorators';\nexport class Foo {}\n      ",
    errors: [
      {
        line: 2,
        name: 'ClassDecoratorFactory',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Foo, Bar } from 'foo';\nfunction baz<Foo>(): Foo {}\nbaz<Bar>();\n      ",
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nconst a: string = 'hello';\nconsole.log(a);\n      ",
    errors: [
      {
        line: 2,
        name: 'Nullable',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'other';\nconst a: Nullable<string> = 'hello';\nconsole.log(a);\n      ",
    errors: [
      {
        line: 3,
        name: 'SomeOther',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do = (a: Nullable) => {\n    console.log(a);\n  };\n}\nnew A();\n      ",
    errors: [
      {
        line: 3,
        name: 'Another',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do(a: Nullable) {\n    console.log(a);\n  }\n}\nnew A();\n      ",
    errors: [
      {
        line: 3,
        name: 'Another',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nclass A {\n  do(): Nullable {\n    return null;\n  }\n}\nnew A();\n      ",
    errors: [
      {
        line: 3,
        name: 'Another',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nexport interface A {\n  do(a: Nullable);\n}\n      ",
    errors: [
      {
        line: 3,
        name: 'Another',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { Another } from 'some';\nexport interface A {\n  other: Nullable;\n}\n      ",
    errors: [
      {
        line: 3,
        name: 'Another',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nfunction foo(a: string) {\n  console.log(a);\n}\nfoo();\n      ",
    errors: [
      {
        line: 2,
        name: 'Nullable',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nfunction foo(): string | null {\n  return null;\n}\nfoo();\n      ",
    errors: [
      {
        line: 2,
        name: 'Nullable',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Another } from 'some';\nclass A extends Nullable {\n  other: Nullable<Another>;\n}\nnew A();\n      ",
    errors: [
      {
        line: 3,
        name: 'SomeOther',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport { Nullable } from 'nullable';\nimport { SomeOther } from 'some';\nimport { Another } from 'some';\nabstract class A extends Nullable {\n  other: Nullable<Another>;\n}\nnew A();\n      ",
    errors: [
      {
        line: 3,
        name: 'SomeOther',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nenum FormFieldIds {\n  PHONE = 'phone',\n  EMAIL = 'email',\n}\n      ",
    errors: [
      {
        line: 2,
        name: 'FormFieldIds',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport test from 'test';\nimport baz from 'baz';\nexport interface Bar extends baz.test {}\n      ",
    errors: [
      {
        line: 2,
        name: 'test',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport test from 'test';\nimport baz from 'baz';\nexport class Bar implements baz.test {}\n      ",
    errors: [
      {
        line: 2,
        name: 'test',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  export const Foo = 1;\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  const Foo = 1;\n  console.log(Foo);\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  export const Bar = 1;\n  console.log(Foo.Bar);\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  namespace Foo {\n    export const Bar = 1;\n    console.log(Foo.Bar);\n  }\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
      {
        line: 3,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ninterface Foo {\n  bar: string;\n  baz: Foo['bar'];\n}\n      ",
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ntype Foo = Array<Foo>;\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport React from 'react';\nimport { Fragment } from 'react';\n\nexport const ComponentFoo = () => {\n  return <div>Foo Foo</div>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
      },
    },
    errors: [
      {
        line: 3,
        name: 'Fragment',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport React from 'react';\nimport { h } from 'some-other-jsx-lib';\n\nexport const ComponentFoo = () => {\n  return <div>Foo Foo</div>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
        jsxPragma: 'h',
      },
    },
    errors: [
      {
        line: 2,
        name: 'React',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nimport React from 'react';\n\nexport const ComponentFoo = () => {\n  return <div>Foo Foo</div>;\n};\n      ",
    languageOptions: {
      parserOptions: {
        ecmaFeatures: {
          jsx: true,
        },
        jsxPragma: null,
      },
    },
    errors: [
      {
        line: 2,
        name: 'React',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  type Test = any;\n  const x = 1;\n  export = x;\n}\n      ",
    errors: [
      {
        line: 3,
        name: 'Test',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\n// not declared\nexport namespace Foo {\n  namespace Bar {\n    namespace Baz {\n      namespace Bam {\n        const x = 1;\n      }\n    }\n  }\n}\n      ',
    errors: [
      {
        line: 4,
        name: 'Bar',
        messageId: 'unusedVar',
      },
      {
        line: 5,
        name: 'Baz',
        messageId: 'unusedVar',
      },
      {
        line: 6,
        name: 'Bam',
        messageId: 'unusedVar',
      },
      {
        line: 7,
        name: 'x',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ninterface Foo {\n  a: string;\n}\ninterface Foo {\n  b: Foo;\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nlet x = null;\nx = foo(x);\n      ',
    errors: [
      {
        line: 3,
        name: 'x',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ninterface Foo {\n  bar: string;\n}\nconst Foo = 'bar';\n      ",
    errors: [
      {
        line: 5,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nlet foo = 1;\nfoo += 1;\n      ',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ninterface Foo {\n  bar: string;\n}\ntype Bar = 1;\nexport = Bar;\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ninterface Foo {\n  bar: string;\n}\ntype Bar = 1;\nexport = Foo;\n      ',
    errors: [
      {
        line: 5,
        name: 'Bar',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  export const foo = 1;\n}\nexport namespace Bar {\n  import TheFoo = Foo;\n}\n      ',
    errors: [
      {
        line: 6,
        name: 'TheFoo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: number = 1;\n      ',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nenum Foo {\n  A = 1,\n  B = Foo.A,\n}\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ntype _Foo = 1;\nexport const x: _Foo = 1;\n      ',
    options: [
      {
        reportUsedIgnorePattern: true,
        varsIgnorePattern: '^_',
      },
    ],
    errors: [
      {
        line: 2,
        name: '_Foo',
        messageId: 'usedIgnoredVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ninterface _Foo {}\nexport const x: _Foo = 1;\n      ',
    options: [
      {
        reportUsedIgnorePattern: true,
        varsIgnorePattern: '^_',
      },
    ],
    errors: [
      {
        line: 2,
        name: '_Foo',
        messageId: 'usedIgnoredVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nenum _Foo {\n  A = 1,\n}\nexport const x = _Foo.A;\n      ',
    options: [
      {
        reportUsedIgnorePattern: true,
        varsIgnorePattern: '^_',
      },
    ],
    errors: [
      {
        line: 2,
        name: '_Foo',
        messageId: 'usedIgnoredVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace _Foo {}\nexport const x = _Foo;\n      ',
    options: [
      {
        reportUsedIgnorePattern: true,
        varsIgnorePattern: '^_',
      },
    ],
    errors: [
      {
        line: 2,
        name: '_Foo',
        messageId: 'usedIgnoredVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: number = 1;\n\nexport type Foo = typeof foo;\n      ',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ndeclare const foo: number;\n\nexport type Foo = typeof foo;\n      ',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: number = 1;\n\nexport type Foo = typeof foo | string;\n      ',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nconst foo: number = 1;\n\nexport type Foo = (typeof foo | string) & { __brand: 'foo' };\n      ",
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo = {\n  bar: {\n    baz: 123,\n  },\n};\n\nexport type Bar = typeof foo.bar;\n      ',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nconst foo = {\n  bar: {\n    baz: 123,\n  },\n};\n\nexport type Bar = (typeof foo)['bar'];\n      ",
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst command = (): ParameterDecorator => {\n  return () => {};\n};\n\nexport class Foo {\n  bar(@command() command: string) {}\n}\n      ',
    errors: [
      {
        line: 7,
        name: 'command',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ndeclare const deco: () => ParameterDecorator;\n\nexport class Foo {\n  bar(@deco() deco, @deco() param) {}\n}\n      ',
    errors: [
      {
        line: 5,
        name: 'deco',
        messageId: 'unusedVar',
      },
      {
        line: 5,
        name: 'param',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport namespace Foo {\n  const foo: 1234;\n  export {};\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: 1234;\nexport {};\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: 1234;\n  export {};\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport namespace Foo {\n  const foo: 1234;\n  const bar: 4567;\n\n  export { bar };\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: 1234;\nconst bar: 4567;\n\nexport { bar };\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: 1234;\n  const bar: 4567;\n\n  export { bar };\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport namespace Foo {\n  const foo: 1234;\n  const bar: 4567;\n  export const bazz: 4567;\n\n  export { bar };\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: 1234;\nconst bar: 4567;\nexport const bazz: 4567;\n\nexport { bar };\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: 1234;\n  const bar: 4567;\n  export const bazz: 4567;\n\n  export { bar };\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport namespace Foo {\n  const foo: string;\n  const bar: number;\n\n  export default bar;\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: string;\nconst bar: number;\n\nexport default bar;\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: string;\n  const bar: number;\n\n  export default bar;\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport namespace Foo {\n  const foo: string;\n  const bar: number;\n  export const bazz: number;\n\n  export default bar;\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nconst foo: string;\nconst bar: number;\nexport const bazz: number;\n\nexport default bar;\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: string;\n  const bar: number;\n  export const bazz: number;\n\n  export default bar;\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nexport namespace Foo {\n  const foo: string;\n  export const bar: number;\n\n  export * from '...';\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\nconst foo: string;\nexport const bar: number;\n\nexport * from '...';\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  const foo: string;\n  export const bar: number;\n\n  export * from '...';\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nnamespace Foo {\n  type Foo = 1;\n  type Bar = 1;\n\n  export = Bar;\n}\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ntype Foo = 1;\ntype Bar = 1;\n\nexport = Bar;\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  type Foo = 1;\n  type Bar = 1;\n\n  export = Bar;\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  type Test = 1;\n  export {};\n}\n      ",
    filename: 'foo.d.ts',
    errors: [
      {
        line: 3,
        name: 'Test',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport declare namespace Foo {\n  namespace Bar {\n    namespace Baz {\n      namespace Bam {\n        const x = 1;\n      }\n\n      export {};\n    }\n  }\n}\n      ',
    errors: [
      {
        line: 5,
        name: 'Bam',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: "\ndeclare module 'foo' {\n  namespace Bar {\n    namespace Baz {\n      namespace Bam {\n        const x = 1;\n      }\n\n      export {};\n    }\n  }\n}\n      ",
    errors: [
      {
        line: 5,
        name: 'Bam',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ndeclare enum Foo {}\nexport {};\n      ',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\ndeclare class Bar {}\n\nexport {};\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'Bar',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nclass Foo {}\n\nexport {};\n      ',
    filename: 'foo.d.ts',
    errors: [
      {
        line: 2,
        name: 'Foo',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nusing resource = getResource();\n      ',
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2026,
      },
    },
    errors: [
      {
        line: 2,
        name: 'resource',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nawait using resource = getResource();\n      ',
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2026,
      },
    },
    errors: [
      {
        line: 2,
        name: 'resource',
        messageId: 'unusedVar',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport const myTypeGuard2 = (data2: unknown): typeof data2 => {\n  return true;\n};\n      ',
    errors: [
      {
        line: 2,
        name: 'data2',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
  {
    kind: 'invalid',
    code: '\nexport const myTypeGuard = (data: unknown): data is string => {\n  return true;\n};\n      ',
    errors: [
      {
        line: 2,
        name: 'data',
        messageId: 'usedOnlyAsType',
      },
    ],
  },
];
