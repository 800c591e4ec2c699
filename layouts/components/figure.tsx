// A photo with its caption and credit. Width and height are set so the page does not jump while it loads.
/** @jsxRuntime automatic @jsxImportSource hastscript */
import type {Result} from 'hastscript'
import type {ArticleImage} from '../../scripts/content/article.ts'

export function Figure(props: {image: ArticleImage; className: string; lazy: boolean}): Result {
  const {image} = props
  return (
    <figure class={props.className}>
      <img
        src={image.url}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading={props.lazy ? 'lazy' : undefined}
        decoding="async"
      />
      {image.caption || image.credit ? (
        <figcaption>
          {image.caption ?? null}
          {image.caption && image.credit ? ' ' : null}
          {image.credit ? <span class="credit">Photo: {image.credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  )
}
