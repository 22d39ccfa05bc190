// @fieldbook/exports/annotations: the annotation writers one format at a
// time, for a server that should load only the format it is asked for.

export {
  annotationWriter,
  type AnnotationFormat,
  type AnnotationWriter,
} from './annotations/writers';
export { safeName } from './notes/paths';
