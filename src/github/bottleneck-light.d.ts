// The light build of bottleneck (the one @octokit/plugin-throttling loads) has no type declarations of its own.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
